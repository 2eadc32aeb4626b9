import type { Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { renderFormPdf } from '../documents/index.ts';
import { departmentByCode } from '../organization/index.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { formSheet, formTitle, type FormSchemaLike } from './form-sheet.ts';
import { mergeForms } from './bundle-merge.ts';
import type { ItemVersion } from './items.repository.ts';
import type { BundleVersion } from './bundles.repository.ts';

/**
 * What a guide (办事指南) shows beside an item's elements: who handles it, whether it is handled on
 * the spot (即办件) or within promised days (承诺件), its process as a diagram, and its application
 * form to download blank (空白表格) or filled as a sample (示例样表).
 */

/** 办件类型: 即办件 when the promised time is zero working days (handled on the spot), else 承诺件. */
export const handlingKind = (promisedDays: number): 'immediate' | 'promised' => (promisedDays === 0 ? 'immediate' : 'promised');

/** The department by its code, named in the language (its code where the organisation does not know it). */
export async function departmentOf(code: string, locale: Locale): Promise<{ code: string; name: string }> {
  const d = await departmentByCode(code);
  return { code, name: d ? (locale === 'en' ? d.nameEn : d.nameZh) : code };
}

const xmlOfDefinition = new Map<string, string>();

/** The latest deployed version of a process, as BPMN XML (a deployed definition never changes: kept once read). */
export async function processDiagram(ctx: AppContext, processKey: string) {
  const definition = await ctx.engine.latestProcessDefinition(processKey).catch(() => null);
  if (!definition) throw notFound('process_not_deployed');
  let bpmnXml = xmlOfDefinition.get(definition.id);
  if (!bpmnXml) {
    bpmnXml = (await ctx.engine.processDefinitionXml(definition.id)).bpmn20Xml;
    xmlOfDefinition.set(definition.id, bpmnXml);
  }
  return { processKey, version: definition.version, bpmnXml };
}

const SHEET_KINDS = ['blank', 'sample'] as const;

/** `kind` (blank | sample, default blank) and `lang` (zh-CN | en, default: the request's language) of a sheet download. */
function sheetQuery(req: Request): { kind: (typeof SHEET_KINDS)[number]; locale: Locale } {
  const kind = req.query.kind ?? 'blank';
  if (typeof kind !== 'string' || !(SHEET_KINDS as readonly string[]).includes(kind))
    throw validationFailed([fieldProblem('kind', '表格：kind 只能是 blank（空白表格）或 sample（示例样表）', 'kind: blank or sample')]);
  const lang = req.query.lang;
  if (lang !== undefined && lang !== 'zh-CN' && lang !== 'en') throw validationFailed([fieldProblem('lang', '语言：只能是 zh-CN 或 en', 'lang: zh-CN or en')]);
  return { kind: kind as (typeof SHEET_KINDS)[number], locale: (lang as Locale | undefined) ?? negotiateLocale(req.headers['accept-language']) };
}

async function sendSheet(res: Response, fileName: string, sheet: Parameters<typeof renderFormPdf>[0]): Promise<void> {
  const pdf = await renderFormPdf(sheet);
  res
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${fileName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')}.pdf`)}`,
      'Cache-Control': 'no-cache',
    })
    .send(pdf);
}

const SAMPLE_SUFFIX = { 'zh-CN': '（示例样表）', en: ' (sample)' } as const;

/** GET /items/{code}/application-form: the item's form as a blank sheet or a filled sample, PDF. */
export async function sendItemSheet(req: Request, res: Response, item: ItemVersion): Promise<void> {
  const { kind, locale } = sheetQuery(req);
  const schema = item.formSchema as FormSchemaLike;
  const name = locale === 'en' ? item.definition.nameEn : item.definition.name;
  const title = formTitle(schema, name, locale);
  const issuer = (await departmentOf(item.departmentCode, locale)).name;
  await sendSheet(
    res,
    kind === 'sample' ? `${title}${SAMPLE_SUFFIX[locale]}` : title,
    formSheet({ title, kind, sections: [{ schema }], locale, issuer, issuedAt: new Date() }),
  );
}

/** GET /bundles/{code}/application-form: the bundle's one form (一表申请): shared fields, then each item's own. */
export async function sendBundleSheet(req: Request, res: Response, bundle: BundleVersion, items: ItemVersion[]): Promise<void> {
  const { kind, locale } = sheetQuery(req);
  const merged = mergeForms(items);
  const shared = new Set(merged.sharedFields);
  const pick = (names: string[]): FormSchemaLike => ({
    required: merged.schema.required.filter((n) => names.includes(n)),
    properties: Object.fromEntries(names.map((n) => [n, merged.schema.properties[n]!])) as FormSchemaLike['properties'],
  });
  const sections = [
    { heading: locale === 'en' ? 'Shared by the items' : '共同信息（各事项共用，只填一次）', schema: pick([...shared]) },
    ...items.map((i) => ({
      heading: locale === 'en' ? i.definition.nameEn : i.definition.name,
      schema: pick(Object.keys((i.formSchema as FormSchemaLike).properties ?? {}).filter((n) => !shared.has(n))),
    })),
  ];
  const name = locale === 'en' ? bundle.definition.nameEn : bundle.definition.name;
  const title = locale === 'en' ? `One application form for ${name}` : `${name}一件事联办申请表`;
  const issuer = locale === 'en' ? 'Government service centre' : '政务服务中心';
  await sendSheet(
    res,
    kind === 'sample' ? `${title}${SAMPLE_SUFFIX[locale]}` : title,
    formSheet({ title, kind, sections, locale, issuer, issuedAt: new Date() }),
  );
}
