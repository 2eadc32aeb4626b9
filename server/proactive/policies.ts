import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { policySchema, type ProactivePolicy } from '../../contract/proactive/policy.ts';
import { readProcessFolders, type ProcessFolder } from '../catalog/index.ts';

/**
 * The 免申即享 policies shipped beside their items (processes/<folder>/policy.json), checked as a bad
 * item.json is: the schema, one code once, an item that exists, materials it asks for, fields its
 * form has, recipients its trigger knows of and form sources they have (a company has no parents
 * or birth date, a person no credit code). A policy that fails stops the start, naming the file and
 * what is wrong.
 */
export function readPolicies(processesDir: string, folders: Pick<ProcessFolder, 'dir' | 'item'>[]): ProactivePolicy[] {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(policySchema);
  const items = new Map(folders.filter((f) => f.item).map((f) => [f.item!.definition.code, f.item!]));
  const policies: ProactivePolicy[] = [];
  for (const dir of readdirSync(processesDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const file = join(processesDir, dir.name, 'policy.json');
    if (!existsSync(file)) continue;
    const policy = JSON.parse(readFileSync(file, 'utf8')) as ProactivePolicy;
    const problems: string[] = [];
    if (!validate(policy)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
    else {
      const item = items.get(policy.itemCode);
      if (!item) problems.push(`itemCode: no item ${policy.itemCode}`);
      else {
        const fields = Object.keys((item.formSchema.properties ?? {}) as Record<string, unknown>);
        for (const field of Object.keys(policy.form).filter((f) => !fields.includes(f))) problems.push(`form.${field}: the item's form has no such field`);
        const materials = item.definition.materials.map((m) => m.code);
        for (const m of policy.sharedMaterials.filter((x) => !materials.includes(x.code))) problems.push(`sharedMaterials: the item asks for no ${m.code}`);
      }
      if (policies.some((p) => p.code === policy.code)) problems.push(`code: ${policy.code} twice`);
      if (policy.recipients === 'parents' && policy.trigger.on !== 'birth_registered') problems.push('recipients: parents are known of a birth only');
      if (policy.recipients === 'company' && policy.trigger.on !== 'e_license_issued')
        problems.push('recipients: a company is raised by an e-licence it holds only');
      for (const [field, source] of Object.entries(policy.form).filter(([, s]) => !s.startsWith('='))) {
        const ofCompany = source.startsWith('company.');
        const personOnly = /^(subject\.(birthDate|sex|householdAddress)|mother\.|father\.)/.test(source);
        if (ofCompany && policy.recipients !== 'company') problems.push(`form.${field}: ${source} is a company's, and the recipients are people`);
        if (personOnly && policy.recipients === 'company') problems.push(`form.${field}: ${source} is a person's, and the recipient is a company`);
      }
    }
    if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
    policies.push(policy);
  }
  return policies;
}

const read = new Map<string, ProactivePolicy[]>();

/** The policies of a processes/ folder, read and checked once (the start reads them first: a bad one stops it). */
export function policiesOf(processesDir: string): ProactivePolicy[] {
  let policies = read.get(processesDir);
  if (!policies) {
    policies = readPolicies(processesDir, readProcessFolders(processesDir));
    read.set(processesDir, policies);
  }
  return policies;
}
