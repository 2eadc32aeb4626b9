import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { testLane } from '../../support/environment.ts';
import { pollUntil } from '../../support/eventually.ts';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';

/**
 * The accessibility audit Lighthouse runs: axe-core, with the WCAG 2.0 / 2.1 A and AA rules.
 *
 * axe is put into the page with `page.evaluate(source)`: a CDP evaluation, which the server's
 * Content-Security-Policy (no inline scripts) does not cover, so the CSP stays as it is.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * What the audit leaves out: only what is not ours and cannot be fixed by us. Each entry says why.
 * (The bpmn-js canvas is *not* left out: its palette, context pad and our markers are audited.)
 */
export const EXCLUDED: { selector: string; why: string }[] = [];

/** The impacts a test fails on. */
const FAILING = new Set(['serious', 'critical']);

/**
 * axe's "needs review" answers we reviewed and hold to as failures: ARIA an element does not
 * support, or that points at nothing. form-js's own inputs are left out of these: they point
 * aria-describedby at description and error elements form-js renders only when there is one. So is
 * an empty value that assistive technology ignores (Element Plus's number input, while empty, says
 * aria-valuenow=""). Contrast it cannot decide, over images and gradients, stays a manual review.
 */
const REVIEWED = new Set(['aria-prohibited-attr', 'aria-valid-attr-value']);
type AxeNode = Result['nodes'][number];
const isFormJs = (node: AxeNode) => node.target.some((t) => String(t).startsWith('#fjs-'));
const ignoredWhileEmpty = (node: AxeNode) => [...node.any, ...node.all, ...node.none].every((c) => /ignored while empty/.test(c.message));
const heldTo = (node: AxeNode) => !isFormJs(node) && !ignoredWhileEmpty(node);

// axe.run runs in the browser; the tests compile without the DOM library, so its globals are declared here
declare const document: { getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[] };
declare const window: { axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> } };

/**
 * Audits the page as it is now: writes axe's whole answer to
 * test-artifacts/<lane>/accessibility/<name>.json and returns the serious and critical
 * violations, and the reviewed "needs review" answers about our own elements.
 */
export async function audit(page: Page, name: string): Promise<Result[]> {
  // a dialog or a message still fading in or out has colours no one reads: the page at rest is audited
  // (finite animations and transitions done, up to 5 s; a spinner's endless one is not waited for).
  // A function, not a string: the page's CSP refuses eval
  const atRest = () => page.evaluate(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  await pollUntil(atRest, { timeoutMs: 5_000, intervalMs: 100 });
  // once per document (a navigation loses it)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // the passes and the rules that did not apply are only counted (one element each): axe's own advice for speed
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations', 'incomplete'] };
  const context = { exclude: EXCLUDED.map((e) => e.selector) };
  const results = await page.evaluate(({ context, options }) => window.axe.run(context, options), { context, options });
  const dir = join(REPO_ROOT, 'test-artifacts', testLane(), 'accessibility');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ page: name, excluded: EXCLUDED, ...results }, null, 2));
  const reviewed = results.incomplete
    .filter((v) => REVIEWED.has(v.id))
    .map((v) => ({ ...v, nodes: v.nodes.filter(heldTo) }))
    .filter((v) => v.nodes.length);
  return [...results.violations.filter((v) => FAILING.has(v.impact ?? '')), ...reviewed];
}

/** One line per violation: the page, rule id, impact, help text, and the selectors of its elements. */
export function describeViolations(found: { page: string; violations: Result[] }[]): string {
  return found
    .flatMap(({ page, violations }) =>
      violations.map((v) => `[${page}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`),
    )
    .join('\n');
}
