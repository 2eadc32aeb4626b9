/**
 * `npm run lint` runs this: the architecture of docs/architecture.md, enforced on every import.
 *
 * Hard rules (no exceptions):
 * - contract/ imports nothing of ours but itself; the web app (modeler/) only itself and contract/;
 * - the kernel (layout.ts KERNEL) imports only the kernel and contract/;
 * - server/ never imports the web app, the workers or the tests;
 * - workers/ reach the server only through a domain's public entry (server/<domain>/index.ts) and
 *   the kernel: no model, no internals.
 * Ratcheted rules (the debt in debt.json may only shrink; anything new fails):
 * - a model (server/<domain>/*.model.ts) is imported only inside its domain;
 * - another domain is imported only through its index.ts;
 * - no import cycle between domains.
 * `tsx scripts/architecture/check.ts --write-debt` rewrites debt.json from the tree (for a change
 * that pays debt off; a reviewer sees any entry it adds).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPOSITION, CONTRACT, DOMAINS, KERNEL } from './layout.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEBT_FILE = join(ROOT, 'scripts', 'architecture', 'debt.json');

interface Debt {
  modelImports: string[];
  internalImports: string[];
  cycleEdges: string[];
}

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
  return listed.split('\n').filter((f) => f && !f.includes('node_modules/') && !f.startsWith('modeler/dist/'));
}

const isModel = (file: string) => /^server\/[^/]+\/[^/]+\.model\.ts$/.test(file);
const isPublicEntry = (file: string) => /^server\/[^/]+\/index\.ts$/.test(file);

export interface Findings {
  breaches: string[];
  debt: Debt;
}

export function check(files: { file: string; source: string }[]): Findings {
  const breaches: string[] = [];
  const debt: Debt = { modelImports: [], internalImports: [], cycleEdges: [] };
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
      if (from.kind !== 'domain' || to.kind !== 'domain' || from.domain === to.domain) continue;
      if (!domainEdges.has(from.domain)) domainEdges.set(from.domain, new Set());
      domainEdges.get(from.domain)!.add(to.domain);
      if (isModel(target)) debt.modelImports.push(edge);
      else if (!isPublicEntry(target)) debt.internalImports.push(edge);
    }
  }
  for (const scc of stronglyConnected(domainEdges)) {
    if (scc.length < 2) continue;
    const members = new Set(scc);
    for (const a of scc) for (const b of domainEdges.get(a) ?? []) if (members.has(b)) debt.cycleEdges.push(`${a} -> ${b}`);
  }
  for (const list of Object.values(debt) as string[][]) list.sort();
  debt.modelImports = [...new Set(debt.modelImports)];
  debt.internalImports = [...new Set(debt.internalImports)];
  return { breaches: [...new Set(breaches)].sort(), debt };
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

function compare(known: Debt, now: Debt): string[] {
  const problems: string[] = [];
  const rules: Record<keyof Debt, string> = {
    modelImports: "imports another domain's model (use that domain's index.ts)",
    internalImports: "imports another domain's internals (use that domain's index.ts)",
    cycleEdges: 'closes an import cycle between domains',
  };
  for (const key of Object.keys(rules) as (keyof Debt)[]) {
    const before = new Set(known[key]);
    const after = new Set(now[key]);
    for (const entry of after) if (!before.has(entry)) problems.push(`new: ${entry} ${rules[key]}`);
    for (const entry of before)
      if (!after.has(entry)) problems.push(`paid off: ${entry} is gone; take it out of scripts/architecture/debt.json (--write-debt)`);
  }
  return problems;
}

function main(): void {
  const files = sourceFiles().map((file) => ({ file, source: readFileSync(join(ROOT, file), 'utf8') }));
  const { breaches, debt } = check(files);
  if (process.argv.includes('--write-debt')) {
    writeFileSync(DEBT_FILE, `${JSON.stringify(debt, null, 2)}\n`);
    console.log(
      `architecture: debt.json written (${debt.modelImports.length} model imports, ${debt.internalImports.length} internal imports, ${debt.cycleEdges.length} cycle edges)`,
    );
  }
  const known = JSON.parse(readFileSync(DEBT_FILE, 'utf8')) as Debt;
  const problems = [...breaches, ...compare(known, debt)];
  if (problems.length) {
    console.error(`architecture: ${problems.length} problem(s) (docs/architecture.md, "Boundaries"):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(
    `architecture: ${files.length} files, no breach; debt left: ${debt.modelImports.length} model imports, ${debt.internalImports.length} internal imports, ${debt.cycleEdges.length} cycle edges between domains`,
  );
}

if (relative(process.argv[1] ?? '', fileURLToPath(import.meta.url)) === '') main();
