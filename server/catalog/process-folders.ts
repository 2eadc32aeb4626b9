import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { itemDefinitionSchema, type ItemDefinition } from './item-definition.ts';
import { ajv as formAjv } from '../validation/ajv.ts';

/** One folder under processes/: its BPMN and, for an item, its metadata and form. */
export interface ProcessFolder {
  name: string;
  dir: string;
  resources: { name: string; content: Buffer }[];
  item?: { definition: ItemDefinition; formSchema: Record<string, unknown>; contentHash: string };
}

const RESOURCE = /\.(bpmn|dmn|form)$/;

/** Reads every process folder, validating item.json and form.schema.json so a broken one stops start-up. */
export function readProcessFolders(processesDir: string): ProcessFolder[] {
  const validateItem = new Ajv({ allErrors: true }).compile(itemDefinitionSchema);
  return readdirSync(processesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(processesDir, d.name);
      const resources = readdirSync(dir)
        .filter((f) => RESOURCE.test(f))
        .sort()
        .map((f) => ({ name: f, content: readFileSync(join(dir, f)) }));
      const folder: ProcessFolder = { name: d.name, dir, resources };
      const itemFile = join(dir, 'item.json');
      if (existsSync(itemFile)) {
        const itemText = readFileSync(itemFile, 'utf8');
        const formText = readFileSync(join(dir, 'form.schema.json'), 'utf8');
        const definition = JSON.parse(itemText) as unknown;
        if (!validateItem(definition)) {
          throw new Error(`${itemFile}: ${(validateItem.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
        }
        const formSchema = JSON.parse(formText) as Record<string, unknown>;
        formAjv.compile(formSchema); // throws on an invalid schema
        const contentHash = createHash('sha256').update(itemText).update('\0').update(formText).digest('hex');
        folder.item = { definition, formSchema, contentHash };
      }
      return folder;
    })
    .filter((f) => f.resources.length > 0);
}
