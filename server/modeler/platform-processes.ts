import { readProcessFolders } from '../catalog/index.ts';

const PROCESS_ID = /<(?:[\w-]+:)?process\s[^>]*\bid="([^"]+)"/g;
const cache = new Map<string, ReadonlySet<string>>();

/** The keys of the processes that ship with the platform (processes/…/*.bpmn, deployed at start). */
export function platformProcessKeys(processesDir: string): ReadonlySet<string> {
  let keys = cache.get(processesDir);
  if (!keys) {
    const resources = readProcessFolders(processesDir).flatMap((f) => f.resources);
    keys = new Set(resources.flatMap((r) => [...r.content.toString('utf8').matchAll(PROCESS_ID)].map((m) => m[1]!)));
    cache.set(processesDir, keys);
  }
  return keys;
}
