import { readProcessFolders } from '../catalog/index.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { is, type ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import { parseBpmn, writeBpmn } from './bpmn-xml.ts';

/**
 * Starting points for a new item process: the item processes that ship with the platform
 * (processes/…: the standard frame 受理 → 审核 → 签发 → 办结告知 → 出件, and its variants with 会签
 * and 或签). An analyst copies one under a new process key and changes the review in between;
 * the frame's acceptance, 容缺 wait, notices and results stay what the workers expect. The copy
 * is made from the shipped file, so it is what the engine runs, not a second hand-kept template.
 */
export interface Starter {
  processKey: string;
  name: string;
  /** the shipped file, for the copy */
  xml: string;
}

const ITEM_PROCESS = /^item_/;
const cache = new Map<string, Starter[]>();

export function starters(processesDir: string): Starter[] {
  let found = cache.get(processesDir);
  if (!found) {
    found = readProcessFolders(processesDir)
      .flatMap((f) => f.resources)
      .flatMap((r) => {
        const xml = r.content.toString('utf8');
        const process = /<(?:[\w-]+:)?process\s[^>]*\bid="([^"]+)"[^>]*>/.exec(xml);
        const key = process?.[1];
        if (!key || !ITEM_PROCESS.test(key)) return [];
        const name = /\bname="([^"]*)"/.exec(process[0])?.[1] ?? key;
        return [{ processKey: key, name, xml }];
      })
      .sort((a, b) => a.processKey.localeCompare(b.processKey));
    cache.set(processesDir, found);
  }
  return found;
}

/**
 * The starter's BPMN with its process renamed to the draft's key and name (the diagram's plane
 * refers to the process object, so it follows). Ids inside stay: the analyst's copy and the
 * platform's process share step ids, which keeps comparing them readable.
 */
export async function starterXml(processesDir: string, from: string, processKey: string, name: string): Promise<string> {
  const starter = starters(processesDir).find((s) => s.processKey === from);
  if (!starter) throw validationFailed([fieldProblem('from', `没有名为“${from}”的平台事项流程`, `no platform item process "${from}"`)]);
  const { definitions } = await parseBpmn(starter.xml);
  const process = ((definitions.rootElements as ModdleElement[] | undefined) ?? []).find((e) => is(e, 'bpmn:Process'));
  if (!process) throw new Error(`${from}: the shipped file has no bpmn:process`);
  process.id = processKey;
  process.name = name;
  definitions.id = `Definitions_${processKey}`;
  return writeBpmn(definitions);
}
