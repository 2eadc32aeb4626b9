import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { ItemForm } from './item-form.model.ts';
import { EngineError } from '../engine/client.ts';
import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { itemFileOf, type ItemVersion, latestItem, latestItems, saveItem } from '../catalog/index.ts';
import { canonicalForm, formFromJsonSchema, jsonSchemaFromForm, localizeForm } from './convert.ts';
import { FORM_JS_SCHEMA_VERSION, formIdOf, type FormJsSchema, type JsonObjectSchema } from './form-js-schema.ts';

export const itemFormSaveSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schema'],
  properties: {
    schema: {
      type: 'object',
      title: '表单（form-js）',
      'x-title-en': 'Form (form-js schema)',
      required: ['type', 'components'],
      properties: { type: { const: 'default' }, components: { type: 'array', maxItems: 200, items: { type: 'object' } } },
    },
    // the language the editor loaded the form in (its labels'); else Accept-Language's
    locale: { type: 'string', enum: ['zh-CN', 'en'], title: '表单语言', 'x-title-en': 'Language of the form' },
  },
} as const;

/** JSON with its object keys sorted: two schemas compare equal whatever order their keys were written in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether a saved form still says exactly the item version's JSON schema (a metadata-only save keeps the form). */
function matches(layout: FormJsSchema, item: ItemVersion): boolean {
  try {
    return stable(jsonSchemaFromForm(layout, item.formSchema as JsonObjectSchema)) === stable(item.formSchema);
  } catch {
    return false;
  }
}

/**
 * An item version's form, canonical (Chinese): the form saved with that version; else the latest
 * form saved with an earlier version that still matches its JSON schema (a save of the item's
 * metadata made a new version with the same form); else one generated from the JSON schema.
 */
export async function formOfItemVersion(item: ItemVersion): Promise<{ form: FormJsSchema; source: 'editor' | 'generated' }> {
  const saved = await ItemForm.findAll({
    where: { itemCode: item.code, itemVersion: { [Op.lte]: item.version } },
    order: [['itemVersion', 'DESC']],
    limit: 20,
  });
  const own = saved.find((f) => f.itemVersion === item.version);
  if (own) return { form: own.layout, source: 'editor' };
  const earlier = saved.find((f) => matches(f.layout, item));
  if (earlier) return { form: earlier.layout, source: 'editor' };
  return { form: formFromJsonSchema(item.formSchema as JsonObjectSchema, item.code), source: 'generated' };
}

/** GET /items/{code}/form: the item's current form in the caller's language. */
export async function currentItemForm(code: string, locale: Locale) {
  const item = await latestItem(code);
  if (!item) throw notFound('item_not_found');
  const { form, source } = await formOfItemVersion(item);
  return { code, version: item.version, formId: formIdOf(code), source, locale, schema: localizeForm(form, locale) };
}

/** The form as deployed and stored: our id (what camunda:formRef names), type and schema version. */
function normalised(form: FormJsSchema, code: string): FormJsSchema {
  return {
    ...form,
    type: 'default',
    id: formIdOf(code),
    schemaVersion: typeof form.schemaVersion === 'number' ? form.schemaVersion : FORM_JS_SCHEMA_VERSION,
    executionPlatform: 'Camunda Platform',
    executionPlatformVersion: '7.24.0',
  };
}

/** Deploys an item's form to the engine as a Camunda Form (form_<code>.form); unchanged, nothing new is deployed. */
export async function deployItemForm(ctx: AppContext, code: string, form: FormJsSchema): Promise<string> {
  const id = formIdOf(code);
  const deployment = await ctx.engine.deploy(`item-form ${code}`, [{ name: `${id}.form`, content: JSON.stringify(form, null, 2) }]);
  return deployment.id;
}

/** At start-up: every item's current form deployed, so a user task's camunda:formRef to any item form resolves. */
export async function deployItemForms(ctx: AppContext): Promise<void> {
  for (const item of await latestItems()) {
    try {
      await deployItemForm(ctx, item.code, (await formOfItemVersion(item)).form);
    } catch (err) {
      // an item whose form form-js cannot show (a nested object) has no Camunda Form to link
      if (!(err instanceof Error && 'status' in err && (err as { status: number }).status === 422)) throw err;
      ctx.logger.warn({ itemCode: item.code, err }, 'item form not deployed: it has no form-js counterpart');
    }
  }
}

/**
 * PUT /items/{code}/form (analysts, administrators): the form from the editor, in the language it
 * was loaded in (`locale`, else the caller's), becomes the item's JSON schema; the item is saved
 * through saveItem with its current definition (every check of a catalog save, a new version when
 * the schema changed), the form kept with that version and deployed to the engine as a Camunda Form.
 */
export async function saveItemForm(ctx: AppContext, principal: Principal, code: string, body: unknown, locale: Locale) {
  assertValid<{ schema: FormJsSchema; locale?: Locale }>(itemFormSaveSchema, body);
  const item = await latestItem(code);
  if (!item) throw notFound('item_not_found');
  const given = body as { schema: FormJsSchema; locale?: Locale };
  const form = normalised(canonicalForm(given.schema, given.locale ?? locale), code);
  const formSchema = jsonSchemaFromForm(form, item.formSchema as JsonObjectSchema);
  const saved = await saveItem(ctx, principal, code, { definition: itemFileOf(item.definition), formSchema });
  await ItemForm.upsert({ itemCode: code, itemVersion: saved.version, layout: form, savedBy: principal.id, savedAt: new Date() });
  let deploymentId: string;
  try {
    deploymentId = await deployItemForm(ctx, code, form);
  } catch (err) {
    if (err instanceof EngineError) ctx.logger.error({ itemCode: code, err }, 'item form saved but not deployed to the engine');
    throw err;
  }
  ctx.logger.info({ itemCode: code, version: saved.version, deploymentId, by: principal.username }, 'item form saved and deployed');
  return { ...saved, formId: formIdOf(code), deploymentId };
}
