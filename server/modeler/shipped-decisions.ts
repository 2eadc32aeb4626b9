import { checkDmn } from './decisions.service.ts';
import type { ProcessFolder } from '../catalog/index.ts';
import { decisionReads } from '../../contract/dmn/decision-policy.ts';
import type { DecisionTable } from '../../contract/dmn/decision-model.ts';
import { instantApprovalProblems } from '../../contract/catalog/instant-approval.ts';
import { TOPICS } from '../../contract/topics.ts';

/**
 * The decision tables shipped in processes/ (a folder's *.dmn, deployed at start with its
 * processes) pass the same policy as an analyst's, and an item shipped with 秒批 names one of them
 * that reads only what its cases have, on a process that has the 秒批 step: a file that does not
 * stops the start, naming each problem, as a bad item.json does.
 */
export async function checkShippedDecisions(folders: Pick<ProcessFolder, 'dir' | 'resources' | 'item'>[]): Promise<void> {
  const refused: string[] = [];
  const tables = new Map<string, DecisionTable>();
  for (const folder of folders) {
    for (const file of folder.resources.filter((r) => r.name.endsWith('.dmn'))) {
      const { model, problems } = await checkDmn(file.content.toString('utf8'));
      for (const p of problems.filter((x) => x.severity === 'error'))
        refused.push(`${folder.dir}/${file.name}: ${p.rule}${p.elementId ? ` (${p.elementId})` : ''}: ${p.en}`);
      for (const table of model?.decisions ?? []) tables.set(table.id, table);
    }
  }
  const bpmn = folders.flatMap((f) => f.resources.filter((r) => r.name.endsWith('.bpmn')).map((r) => r.content.toString('utf8')));
  for (const folder of folders) {
    const item = folder.item;
    const instant = item?.definition.instantApproval;
    if (!item || !instant) continue;
    const table = tables.get(instant.decision);
    const available = {
      formFields: Object.keys((item.formSchema.properties ?? {}) as Record<string, unknown>),
      questions: (item.definition.situations ?? []).map((q) => q.code),
    };
    for (const p of instantApprovalProblems(instant, available, table ? decisionReads(table) : null))
      refused.push(`${folder.dir}/item.json: ${p.field}: ${p.message.en}`);
    const process = bpmn.find((x) => new RegExp(`<(?:bpmn:)?process\\s[^>]*\\bid="${item.definition.processKey}"`).test(x));
    if (process && !process.includes(`camunda:topic="${TOPICS.instantApproval}"`)) {
      refused.push(`${folder.dir}/item.json: instantApproval: process "${item.definition.processKey}" has no 秒批 step (topic ${TOPICS.instantApproval})`);
    }
  }
  if (refused.length) throw new Error(`decision tables refused by the policy:\n${refused.join('\n')}`);
}
