import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { conflict, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { EngineError } from '../engine/client.ts';
import { assertValid, ajv as formAjv, catalogAjv } from '../validation/ajv.ts';
import { DEPARTMENTS } from '../organization/index.ts';
import { itemFileSchema, type ItemDefinition, type ItemFile } from '../../contract/catalog/item.ts';
import { readMaterialCatalog, resolveItem } from './process-folders.ts';
import { latestItems, upsertItemVersion } from './items.repository.ts';
import { checkBundle } from './check-bundle.ts';
import { latestBundles, upsertBundleVersion } from './bundles.repository.ts';
import { bundleMissingEnglish, missingEnglish } from '../../contract/catalog/catalog-english.ts';
import { enumLabelProblems } from '../../contract/catalog/enum-labels.ts';
import { bundleDefinitionSchema, leadsBundle, type BundleDefinition } from '../../contract/catalog/bundle.ts';
import { instantApprovalProblems } from '../../contract/catalog/instant-approval.ts';
import { decisionReads } from '../../contract/dmn/decision-policy.ts';
import { withPrefix } from '../../contract/problems.ts';
import { TOPICS } from '../../contract/topics.ts';
import { readDecisionModel } from '../rules/index.ts';

const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

export const itemEditSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['definition', 'formSchema'],
  properties: {
    definition: { type: 'object', title: '事项定义', 'x-title-en': 'Item definition' },
    formSchema: { type: 'object', title: '申请表结构', 'x-title-en': 'Form schema' },
  },
} as const;

/** A form an applicant can be told about: an object of titled fields, and nothing else accepted. */
function checkFormSchema(formSchema: Record<string, unknown>): void {
  const properties = formSchema.properties as Record<string, Record<string, unknown>> | undefined;
  if (formSchema.type !== 'object' || !properties || Object.keys(properties).length === 0 || formSchema.additionalProperties !== false) {
    throw validationFailed([
      fieldProblem(
        'formSchema',
        '申请表结构：须为 type=object、至少一个字段且 additionalProperties=false',
        'formSchema: must be an object schema with at least one field and additionalProperties false',
      ),
    ]);
  }
  const untitled = Object.entries(properties)
    .filter(([, p]) => typeof p.title !== 'string' || typeof p['x-title-en'] !== 'string')
    .map(([name]) => name);
  if (untitled.length) {
    throw validationFailed(
      untitled.map((name) =>
        fieldProblem(
          `formSchema.properties.${name}`,
          `申请表字段“${name}”须有中文标题 title 和英文标题 x-title-en`,
          `form field "${name}" needs a title and an x-title-en`,
        ),
      ),
    );
  }
  const unlabelled = enumLabelProblems(properties);
  if (unlabelled.length) throw validationFailed(unlabelled.map((p) => fieldProblem(p.field, p.message['zh-CN'], p.message.en)));
  try {
    formAjv.compile(formSchema);
  } catch (err) {
    throw validationFailed([
      fieldProblem('formSchema', `申请表结构无效：${(err as Error).message}`, `formSchema is not a valid JSON schema: ${(err as Error).message}`),
    ]);
  }
}

/** Runs a catalog check that throws a developer's Error and reports it as a 422. */
function catalogCheck<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof Error && !('status' in err))
      throw validationFailed([fieldProblem(field, `目录校验未通过：${err.message}`, `catalog check failed: ${err.message}`)]);
    throw err;
  }
}

async function checkDeployed(ctx: AppContext, processKey: string): Promise<string> {
  try {
    return (await ctx.engine.latestProcessDefinition(processKey)).id;
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) {
      throw validationFailed([fieldProblem('definition.processKey', `流程“${processKey}”尚未部署`, `process "${processKey}" is not deployed`)]);
    }
    throw err;
  }
}

/** As start-up checks item.json: the steps named by stepDays and stepFields are user tasks of the deployed process, the fields the form's. */
async function checkSteps(ctx: AppContext, definitionId: string, definition: ItemFile, formSchema: Record<string, unknown>): Promise<void> {
  const steps = new Set([...Object.keys(definition.stepDays ?? {}), ...Object.keys(definition.stepFields ?? {})]);
  if (steps.size === 0) return;
  const { bpmn20Xml } = await ctx.engine.processDefinitionXml(definitionId);
  const userTasks = new Set([...bpmn20Xml.matchAll(/<(?:[\w-]+:)?userTask\s[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!));
  const formFields = Object.keys((formSchema.properties ?? {}) as Record<string, unknown>);
  const problems = [...steps]
    .filter((step) => !userTasks.has(step))
    .map((step) =>
      fieldProblem(
        `definition.${definition.stepDays && step in definition.stepDays ? 'stepDays' : 'stepFields'}.${step}`,
        `环节“${step}”不是流程“${definition.processKey}”中的人工任务`,
        `step "${step}" is no user task of process "${definition.processKey}"`,
      ),
    );
  for (const [step, fields] of Object.entries(definition.stepFields ?? {})) {
    const unknown = fields.filter((f) => !formFields.includes(f));
    if (unknown.length)
      problems.push(
        fieldProblem(
          `definition.stepFields.${step}`,
          `环节“${step}”可见的字段不在申请表中：${unknown.join('、')}`,
          `stepFields.${step} names fields the form does not have: ${unknown.join(', ')}`,
        ),
      );
  }
  if (problems.length) throw validationFailed(problems);
}

/** Every bundle that has the item must still merge (and ask the item's situations) with this version of it. */
async function checkBundlesWith(items: Map<string, { definition: ItemDefinition; formSchema: Record<string, unknown> }>, code: string): Promise<void> {
  for (const bundle of await latestBundles()) {
    if (!bundle.definition.items.some((i) => i.code === code)) continue;
    catalogCheck('definition', () => checkBundle(`一件事 ${bundle.code}`, bundle.definition, items));
  }
}

/** What an editor saved on top of: the version it read (0: none, a new code). */
export interface SaveOptions {
  baseVersion?: number;
}

/** An editor's save on top of a version no longer the latest is refused (409); a new code taken is a problem at the code. */
function checkBase(field: string, code: string, latestVersion: number | undefined, options: SaveOptions, what: '事项' | '一件事'): void {
  if (options.baseVersion === undefined) return;
  if (options.baseVersion === 0 && latestVersion !== undefined) {
    throw validationFailed([fieldProblem(field, `${what}编码“${code}”已被使用`, `the code "${code}" is taken`)]);
  }
  if (options.baseVersion !== (latestVersion ?? 0)) throw conflict('catalog_version_stale');
}

/**
 * Saves an item through the API (analyst, admin): checked as start-up checks processes/ — the
 * definition, its catalog materials, its conditions, its department, its form, its process
 * deployed, every bundle that has it — then stored as a new version. Cases keep the version they
 * were submitted under. Nothing is stored on any problem.
 */
/**
 * 秒批 as start-up checks it (server/modeler/shipped-decisions.ts): the process has the 秒批 step, the
 * decision is deployed, reads only what a case of the item has, the checks name the form's fields.
 */
async function checkInstantApproval(ctx: AppContext, definitionId: string, definition: ItemFile, formSchema: Record<string, unknown>): Promise<void> {
  const instant = definition.instantApproval;
  if (!instant) return;
  const [deployed] = await ctx.engine.decisionDefinitions({ key: instant.decision, latestVersion: true });
  const table = deployed ? (await readDecisionModel(await ctx.engine.decisionXml(deployed.id))).decisions.find((d) => d.id === instant.decision) : undefined;
  const available = {
    formFields: Object.keys((formSchema.properties ?? {}) as Record<string, unknown>),
    questions: (definition.situations ?? []).map((q) => q.code),
  };
  const problems = withPrefix(instantApprovalProblems(instant, available, table ? decisionReads(table) : null), 'definition');
  const { bpmn20Xml } = await ctx.engine.processDefinitionXml(definitionId);
  if (!bpmn20Xml.includes(`camunda:topic="${TOPICS.instantApproval}"`)) {
    problems.push(
      fieldProblem(
        'definition.instantApproval',
        `流程“${definition.processKey}”没有秒批环节：请选用含秒批环节的流程（如 item_standard）`,
        `Process "${definition.processKey}" has no instant-approval step: choose a process with one (e.g. item_standard)`,
      ),
    );
  }
  if (problems.length) throw validationFailed(problems);
}

export async function saveItem(ctx: AppContext, principal: Principal, code: string, body: unknown, options: SaveOptions = {}) {
  assertValid<{ definition: ItemFile; formSchema: Record<string, unknown> }>(itemEditSchema, body);
  const { definition, formSchema } = body as { definition: ItemFile; formSchema: Record<string, unknown> };
  assertValid<ItemFile>(itemFileSchema, definition, 'definition', catalogAjv);
  if (definition.code !== code)
    throw validationFailed([fieldProblem('definition.code', `事项编码应与地址中的“${code}”一致`, `definition.code must be "${code}" as in the path`)]);
  if (!DEPARTMENTS.some((d) => d.code === definition.departmentCode)) {
    throw validationFailed([
      fieldProblem('definition.departmentCode', `实施部门“${definition.departmentCode}”不存在`, `no department "${definition.departmentCode}"`),
    ]);
  }
  if (definition.promisedDays > definition.statutoryDays) {
    throw validationFailed([
      fieldProblem(
        'definition.promisedDays',
        `承诺办结时限（${definition.promisedDays} 个工作日）不能长于法定办结时限（${definition.statutoryDays} 个工作日）`,
        `the promised time (${definition.promisedDays} working days) cannot exceed the statutory time (${definition.statutoryDays})`,
      ),
    ]);
  }
  checkFormSchema(formSchema);
  const untranslated = missingEnglish(definition);
  if (untranslated.length)
    throw validationFailed(
      untranslated.map((field) =>
        field === 'conditionsEn'
          ? fieldProblem('definition.conditionsEn', '每条申请条件须有一条对应的英文', 'each condition needs its English one, as many as the Chinese')
          : fieldProblem(`definition.${field}`, '请填写与中文对应的英文', 'give the English of the Chinese text beside it'),
      ),
    );
  const resolved = catalogCheck('definition', () => resolveItem(`事项 ${code}`, definition, readMaterialCatalog(ctx.config.processesDir)));
  const definitionId = await checkDeployed(ctx, resolved.processKey);
  await checkSteps(ctx, definitionId, definition, formSchema);
  await checkInstantApproval(ctx, definitionId, definition, formSchema);
  const latest = await latestItems();
  const current = latest.find((i) => i.code === code);
  checkBase('definition.code', code, current?.version, options, '事项');
  const items = new Map(latest.map((i) => [i.code, { definition: i.definition, formSchema: i.formSchema }]));
  items.set(code, { definition: resolved, formSchema });
  await checkBundlesWith(items, code);
  // saved back as read (the editor's round trip): no new version, whatever hash the file's version has
  if (current && isDeepStrictEqual(current.definition, resolved) && isDeepStrictEqual(current.formSchema, formSchema)) {
    return { code, version: current.version, isNew: false };
  }
  const saved = await upsertItemVersion(resolved, formSchema, sha256(JSON.stringify(resolved), JSON.stringify(formSchema)), 'editor', principal.id);
  ctx.logger.info({ itemCode: code, ...saved, by: principal.username }, 'item saved through the catalog API');
  return { code, ...saved };
}

/** Saves a bundle through the API, checked against the current items like bundle.json at start-up. */
export async function saveBundle(ctx: AppContext, principal: Principal, code: string, body: unknown, options: SaveOptions = {}) {
  assertValid<BundleDefinition>(bundleDefinitionSchema, body, undefined, catalogAjv);
  const definition = body as BundleDefinition;
  if (definition.code !== code) throw validationFailed([fieldProblem('code', `一件事编码应与地址中的“${code}”一致`, `code must be "${code}" as in the path`)]);
  if (bundleMissingEnglish(definition).length)
    throw validationFailed([fieldProblem('descriptionEn', '请填写与中文说明对应的英文说明', 'give the English of the Chinese description')]);
  const items = new Map((await latestItems()).map((i) => [i.code, { definition: i.definition, formSchema: i.formSchema }]));
  // 牵头部门: one of its items' departments (unknown items are the items' problem, below)
  if (definition.items.every((i) => items.has(i.code)) && !leadsBundle(definition, (c) => items.get(c)?.definition.departmentCode))
    throw validationFailed([
      fieldProblem('leadDepartmentCode', '牵头部门：应为本一件事所含事项的承办部门之一', 'leadDepartmentCode: must be the department of one of its items'),
    ]);
  catalogCheck('items', () => checkBundle(`一件事 ${code}`, definition, items));
  checkBase('code', code, (await latestBundles()).find((b) => b.code === code)?.version, options, '一件事');
  const saved = await upsertBundleVersion(definition, sha256(JSON.stringify(definition)), 'editor', principal.id);
  ctx.logger.info({ bundleCode: code, ...saved, by: principal.username }, 'bundle saved through the catalog API');
  return { code, ...saved };
}
