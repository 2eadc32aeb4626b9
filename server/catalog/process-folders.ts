import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import {
  catalogMaterialsSchema,
  itemFileSchema,
  lacksAgentAuthorization,
  type CatalogMaterial,
  type ItemDefinition,
  type ItemFile,
} from '../../contract/catalog/item.ts';
import { bundleDefinitionSchema, type BundleDefinition } from '../../contract/catalog/bundle.ts';
import { missingEnglish } from '../../contract/catalog/catalog-english.ts';
import { checkBundle } from './check-bundle.ts';
import { checkCondition } from './situations.ts';
import { VARIABLES } from '../../contract/topics.ts';
import { onlineDepthProblem } from '../../contract/catalog/online-depth.ts';
import { ajv as formAjv } from '../validation/ajv.ts';
import { enumLabelProblems, type EnumField } from '../../contract/catalog/enum-labels.ts';

/** One folder under processes/: its BPMN, and an item's or a bundle's definition. */
export interface ProcessFolder {
  name: string;
  dir: string;
  resources: { name: string; content: Buffer }[];
  item?: { definition: ItemDefinition; formSchema: Record<string, unknown>; contentHash: string };
  bundle?: { definition: BundleDefinition; contentHash: string };
}

const RESOURCE = /\.(bpmn|dmn|form)$/;
const CATALOG_DIR = 'catalog';
const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

function parse<T>(file: string, validate: ReturnType<Ajv['compile']>): T {
  const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!validate(value)) throw new Error(`${file}: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  return value as T;
}

/** Resolves an item file's material references against the shared catalog (材料目录); throws naming what is wrong. */
export function resolveItem(file: string, item: ItemFile, catalog: Map<string, CatalogMaterial>): ItemDefinition {
  const seen = new Set<string>();
  const materials = item.materials.map((ref) => {
    const entry = catalog.get(ref.code);
    if (!entry) throw new Error(`${file}: material "${ref.code}" is not in the material catalog`);
    if (seen.has(ref.code)) throw new Error(`${file}: material "${ref.code}" is listed twice`);
    checkCondition(`${file}: material "${ref.code}"`, ref.when, item.situations ?? []);
    seen.add(ref.code);
    return { ...entry, ...ref };
  });
  // 授权委托书: where an agent may file a case, the item names the authorisation they hand in
  const depth = onlineDepthProblem(item);
  if (depth) throw new Error(`${file}: ${depth.en}`);
  if (lacksAgentAuthorization(item, catalog)) {
    const catalogued = [...catalog.values()].filter((m) => m.agentAuthorization).map((m) => `"${m.code}"`);
    throw new Error(
      `${file}: the item takes online or assisted applications, where an agent may apply, and lists no authorisation for them (${catalogued.join(' or ') || 'a catalog material marked agentAuthorization'})`,
    );
  }
  // pages in English show the conditions, legal basis and fees in English: each Chinese text has its English one
  const untranslated = missingEnglish(item);
  if (untranslated.length) throw new Error(`${file}: English missing where the Chinese is given: ${untranslated.join(', ')}`);
  for (const situation of item.situations ?? []) {
    // each answer becomes a process variable of the question's name
    if (Object.values(VARIABLES).includes(situation.code as never))
      throw new Error(`${file}: situation "${situation.code}" has the name of a platform process variable`);
  }
  for (const result of item.results) {
    if (result.material && !catalog.has(result.material))
      throw new Error(`${file}: result "${result.name}" names material "${result.material}", which is not in the material catalog`);
  }
  return { ...item, materials };
}

/** The shared material catalog (材料目录), processes/catalog/materials.json. */
export function readMaterialCatalog(processesDir: string): Map<string, CatalogMaterial> {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const catalogFile = join(processesDir, CATALOG_DIR, 'materials.json');
  return new Map(parse<CatalogMaterial[]>(catalogFile, ajv.compile(catalogMaterialsSchema)).map((m) => [m.code, m]));
}

/**
 * Reads processes/: the material catalog, then every folder. Everything is validated here, so a
 * broken item, bundle or catalog stops start-up with a message naming the file.
 */
export function readProcessFolders(processesDir: string): ProcessFolder[] {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const validateItem = ajv.compile(itemFileSchema);
  const validateBundle = ajv.compile(bundleDefinitionSchema);
  const catalog = readMaterialCatalog(processesDir);

  const folders = readdirSync(processesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== CATALOG_DIR)
    .map((d) => {
      const dir = join(processesDir, d.name);
      const resources = readdirSync(dir)
        .filter((f) => RESOURCE.test(f))
        .sort()
        .map((f) => ({ name: f, content: readFileSync(join(dir, f)) }));
      const folder: ProcessFolder = { name: d.name, dir, resources };
      const itemFile = join(dir, 'item.json');
      if (existsSync(itemFile)) {
        const definition = resolveItem(itemFile, parse<ItemFile>(itemFile, validateItem), catalog);
        const formText = readFileSync(join(dir, 'form.schema.json'), 'utf8');
        const formSchema = JSON.parse(formText) as Record<string, unknown>;
        formAjv.compile(formSchema); // throws on an invalid schema
        const unlabelled = enumLabelProblems((formSchema.properties ?? {}) as Record<string, EnumField>);
        if (unlabelled.length) throw new Error(`${dir}/form.schema.json: ${unlabelled.map((p) => p.message.en).join('; ')}`);
        folder.item = { definition, formSchema, contentHash: sha256(JSON.stringify(definition), formText) };
      }
      const bundleFile = join(dir, 'bundle.json');
      if (existsSync(bundleFile)) {
        const definition = parse<BundleDefinition>(bundleFile, validateBundle);
        folder.bundle = { definition, contentHash: sha256(JSON.stringify(definition)) };
      }
      return folder;
    })
    .filter((f) => f.resources.length > 0 || f.item || f.bundle);

  checkReferences(folders);
  return folders;
}

/** Every item's process is deployed by some folder; every bundle's items exist and merge. */
function checkReferences(folders: ProcessFolder[]): void {
  const processIds = new Set(
    folders.flatMap((f) => f.resources.flatMap((r) => [...r.content.toString('utf8').matchAll(/<(?:bpmn:)?process\s[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!))),
  );
  const items = new Map(folders.filter((f) => f.item).map((f) => [f.item!.definition.code, f.item!]));
  for (const folder of folders) {
    if (folder.item && !processIds.has(folder.item.definition.processKey)) {
      throw new Error(`${folder.dir}/item.json: process "${folder.item.definition.processKey}" is not defined by any BPMN under processes/`);
    }
    const steps = [...Object.keys(folder.item?.definition.stepDays ?? {}), ...Object.keys(folder.item?.definition.stepFields ?? {})];
    for (const step of new Set(steps)) {
      const key = folder.item!.definition.processKey;
      const bpmn = folders
        .flatMap((f) => f.resources.map((r) => r.content.toString('utf8')))
        .find((x) => new RegExp(`<(?:bpmn:)?process\\s[^>]*\\bid="${key}"`).test(x));
      if (!bpmn || !new RegExp(`<(?:bpmn:)?userTask\\s[^>]*\\bid="${step}"`).test(bpmn)) {
        throw new Error(`${folder.dir}/item.json: step "${step}" is no user task of process "${key}"`);
      }
    }
    const formFields = Object.keys((folder.item?.formSchema.properties ?? {}) as Record<string, unknown>);
    for (const [step, fields] of Object.entries(folder.item?.definition.stepFields ?? {})) {
      const unknown = fields.filter((f) => !formFields.includes(f));
      if (unknown.length) throw new Error(`${folder.dir}/item.json: stepFields.${step} names fields the form does not have: ${unknown.join(', ')}`);
    }
    if (folder.bundle) checkBundle(`${folder.dir}/bundle.json`, folder.bundle.definition, items);
  }
}
