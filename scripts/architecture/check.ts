/**
 * `npm run lint` runs this: the architecture of docs/architecture.md, enforced on every import,
 * without exceptions:
 * - contract/ imports nothing of ours but itself; the web app (modeler/) only itself and contract/;
 * - the kernel (layout.ts KERNEL) imports only the kernel and contract/;
 * - server/ never imports the web app, the workers or the tests;
 * - workers/ reach the server only through a domain's public entry (server/<domain>/index.ts) and
 *   the kernel: no model, no internals;
 * - a model (server/<domain>/*.model.ts) is imported only inside its domain, and there not by an
 *   HTTP controller (*.controller.ts): a controller reads the request, calls its domain's services
 *   and answers; the queries and the rules are the services';
 * - another domain is imported only through its index.ts;
 * - no import cycle between domains: a domain that needs something of a domain above it gets it
 *   handed in by a composition root (e.g. server/app.ts gives the cases' routes the inbox's
 *   opinions), not by importing it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPOSITION, CONTRACT, DOMAINS, KERNEL } from './layout.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Unit = { kind: 'contract' | 'web' | 'workers' | 'kernel' | 'composition' | 'outside' } | { kind: 'domain'; domain: string };

const under = (file: string, prefix: string) => file === prefix || file.startsWith(`${prefix}/`);

export function unitOf(file: string): Unit {
  if (under(file, CONTRACT)) return { kind: 'contract' };
  if (under(file, 'modeler')) return { kind: 'web' };
  if (COMPOSITION.some((p) => under(file, p))) return { kind: 'composition' };
  if (under(file, 'workers')) return { kind: 'workers' };
  if (KERNEL.some((p) => under(file, p))) return { kind: 'kernel' };
  const domain = /^server\/([^/]+)\//.exec(file)?.[1];
  if (domain && DOMAINS.includes(domain)) return { kind: 'domain', domain };
  if (under(file, 'server')) return { kind: 'domain', domain: `(unplaced:${file})` };
  return { kind: 'outside' };
}

const SPECIFIER =
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|(?:^|[^\w.])import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The repository-relative files a source file imports (relative specifiers only: packages are not ours). */
export function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    found.push(
      normalize(join(dirname(file), spec))
        .split('\\')
        .join('/'),
    );
  }
  return found;
}

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.ts', '*.vue'], { cwd: ROOT, encoding: 'utf8' });
  // a file deleted or moved but not yet staged is still listed: the tree is what counts
  return listed.split('\n').filter((f) => f && !f.includes('node_modules/') && !f.startsWith('modeler/dist/') && existsSync(join(ROOT, f)));
}

const isModel = (file: string) => /^server\/[^/]+\/[^/]+\.model\.ts$/.test(file);
const isPublicEntry = (file: string) => /^server\/[^/]+\/index\.ts$/.test(file);
const isController = (file: string) => /^server\/[^/]+\/[^/]+\.controller\.ts$/.test(file);

/** Every breach of the rules in the files, one line each, sorted. */
export function check(files: { file: string; source: string }[]): string[] {
  const breaches: string[] = [];
  const domainEdges = new Map<string, Set<string>>();
  for (const { file, source } of files) {
    const from = unitOf(file);
    if (from.kind === 'outside') continue;
    for (const target of importsOf(file, source)) {
      const to = unitOf(target);
      const edge = `${file} -> ${target}`;
      if (from.kind === 'domain' && from.domain.startsWith('(unplaced'))
        breaches.push(`${file}: a server file in no domain, kernel or composition root (scripts/architecture/layout.ts)`);
      if (from.kind === 'contract' && to.kind !== 'contract') breaches.push(`${edge}: contract/ imports nothing of ours but itself`);
      else if (from.kind === 'web' && to.kind !== 'web' && to.kind !== 'contract') breaches.push(`${edge}: the web app imports only itself and contract/`);
      else if (from.kind === 'kernel' && to.kind !== 'kernel' && to.kind !== 'contract') breaches.push(`${edge}: the kernel imports no domain`);
      else if (under(file, 'server') && (to.kind === 'web' || to.kind === 'workers' || under(target, 'test')))
        breaches.push(`${edge}: the server imports neither the web app, the workers nor the tests`);
      else if (from.kind === 'workers' && to.kind === 'domain' && !isPublicEntry(target))
        breaches.push(`${edge}: workers reach a domain only through its index.ts`);
      if (isController(file) && isModel(target))
        breaches.push(`${edge}: a controller imports no model: it reads the request, calls its domain's services and answers`);
      if (from.kind !== 'domain' || to.kind !== 'domain' || from.domain === to.domain) continue;
      if (!domainEdges.has(from.domain)) domainEdges.set(from.domain, new Set());
      domainEdges.get(from.domain)!.add(to.domain);
      if (isModel(target)) breaches.push(`${edge}: imports another domain's model (use that domain's index.ts)`);
      else if (!isPublicEntry(target)) breaches.push(`${edge}: imports another domain's internals (use that domain's index.ts)`);
    }
  }
  for (const scc of stronglyConnected(domainEdges)) {
    if (scc.length < 2) continue;
    const members = new Set(scc);
    for (const a of scc)
      for (const b of domainEdges.get(a) ?? [])
        if (members.has(b)) breaches.push(`${a} -> ${b}: closes an import cycle between domains (${scc.join(', ')}): hand it in from a composition root`);
  }
  return [...new Set(breaches)].sort();
}

/** Tarjan's strongly connected components of the domain graph. */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]);
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      out.push(scc.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return out;
}

function main(): void {
  const files = sourceFiles().map((file) => ({ file, source: readFileSync(join(ROOT, file), 'utf8') }));
  const breaches = check(files);
  if (breaches.length) {
    console.error(`architecture: ${breaches.length} breach(es) (docs/architecture.md, "Boundaries"):`);
    for (const b of breaches) console.error(`  ${b}`);
    process.exit(1);
  }
  console.log(`architecture: ${files.length} files, no breach, no cycle between domains`);
}

if (relative(process.argv[1] ?? '', fileURLToPath(import.meta.url)) === '') main();
