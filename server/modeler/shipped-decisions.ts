import { checkDmn } from './decisions.service.ts';

/**
 * The decision tables shipped in processes/ (a folder's *.dmn, deployed at start with its
 * processes) pass the same policy as an analyst's: a file that does not stops the start, naming
 * each problem, as a bad item.json does.
 */
export async function checkShippedDecisions(folders: { dir: string; resources: { name: string; content: Buffer }[] }[]): Promise<void> {
  const refused: string[] = [];
  for (const folder of folders) {
    for (const file of folder.resources.filter((r) => r.name.endsWith('.dmn'))) {
      const { problems } = await checkDmn(file.content.toString('utf8'));
      for (const p of problems.filter((x) => x.severity === 'error'))
        refused.push(`${folder.dir}/${file.name}: ${p.rule}${p.elementId ? ` (${p.elementId})` : ''}: ${p.en}`);
    }
  }
  if (refused.length) throw new Error(`decision tables refused by the policy:\n${refused.join('\n')}`);
}
