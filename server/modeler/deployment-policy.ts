import type { DeployedDecisionRef } from '../../contract/bpmn/lint/index.ts';
import { is, type ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import { DEFAULT_POLICY_BOUNDS, type PolicyBounds } from '../../contract/bpmn/lint/index.ts';
import { securityFirst } from '../../contract/bpmn/lint/security-first.ts';
import { parseBpmn, type ParsedBpmn } from './bpmn-xml.ts';
import { lintDefinitions } from './lint.ts';
import { problem, type Problem } from './problems.ts';

/**
 * The deployment policy for BPMN uploaded through the modeler (docs/modeler.md). Checks that need
 * the raw text run before parsing; the rest are bpmnlint rules (contract/bpmn/lint), so the browser's
 * live lint shows the same findings the server refuses a deployment for.
 */
export const MAX_BPMN_BYTES = 2 * 1024 * 1024;

/** Namespaces Camunda 7 (Activiti's) and Operaton read as their own: an attribute there runs like camunda:*. */
const ENGINE_ALIAS_NAMESPACES = ['activiti.org/bpmn', 'operaton.org/schema'];

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeReferences = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });

/** What must be refused before the text is parsed at all (and before a draft is stored). */
export function preflight(xml: string): Problem[] {
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > MAX_BPMN_BYTES) {
    problems.push(
      problem(
        'policy/size-limit',
        `文件过大（${(bytes / 1048576).toFixed(1)} MB），上限 ${MAX_BPMN_BYTES / 1048576} MB`,
        `The file is too large (${(bytes / 1048576).toFixed(1)} MB); the limit is ${MAX_BPMN_BYTES / 1048576} MB`,
      ),
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    problems.push(
      problem(
        'policy/no-doctype',
        '文件含有 DOCTYPE 或 ENTITY 声明，已拒绝（可能是 XML 外部实体攻击）',
        'The file contains a DOCTYPE or ENTITY declaration and is refused (a possible XML external entity attack)',
      ),
    );
  }
  if (/http:\/\/www\.w3\.org\/2001\/XInclude/i.test(decodeReferences(xml))) {
    problems.push(problem('policy/no-xinclude', '文件含有 XInclude，已拒绝', 'The file uses XInclude and is refused'));
  }
  return problems;
}

function engineNamespaceProblems(xml: string): Problem[] {
  const decoded = decodeReferences(xml).toLowerCase();
  return ENGINE_ALIAS_NAMESPACES.filter((ns) => decoded.includes(ns)).map((ns) =>
    problem(
      'policy/engine-namespace',
      `文件使用了引擎会执行的旧命名空间（${ns}），请在建模器中另存为 Camunda 7 格式`,
      `The file uses a namespace the engine executes (${ns}); save it as Camunda 7 in the modeler`,
    ),
  );
}

export interface BpmnCheck {
  problems: Problem[];
  /** absent when the file was refused before parsing or could not be parsed */
  parsed?: ParsedBpmn;
}

/** Preflight, parse (warnings surfaced), engine namespaces, then lint with all our rules; the security rules' findings first. */
export async function checkBpmn(xml: string, bounds: PolicyBounds = DEFAULT_POLICY_BOUNDS, decisions: readonly DeployedDecisionRef[] = []): Promise<BpmnCheck> {
  const refused = preflight(xml);
  if (refused.length) return { problems: refused };
  let parsed: ParsedBpmn;
  try {
    parsed = await parseBpmn(xml);
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!.slice(0, 300);
    return { problems: [problem('parse/error', `不是有效的 BPMN 2.0 XML：${reason}`, `Not valid BPMN 2.0 XML: ${reason}`)] };
  }
  const warnings = parsed.warnings.map((w) =>
    problem('parse/warning', `解析警告：${w.message}`, `Parse warning: ${w.message}`, (w.element as ModdleElement | undefined)?.id, 'warning'),
  );
  return { parsed, problems: securityFirst([...engineNamespaceProblems(xml), ...warnings, ...(await lintDefinitions(parsed.definitions, bounds, decisions))]) };
}

/**
 * The full check before a deployment: checkBpmn, and the file holds exactly one executable
 * process, the draft's, whose key is not one of the platform's own (those ship from processes/).
 */
export async function checkDeployment(
  xml: string,
  processKey: string,
  platformKeys: ReadonlySet<string>,
  bounds: PolicyBounds = DEFAULT_POLICY_BOUNDS,
  decisions: readonly DeployedDecisionRef[] = [],
): Promise<BpmnCheck> {
  const check = await checkBpmn(xml, bounds, decisions);
  if (!check.parsed) return check;
  const problems = [...check.problems];
  const rootElements = (check.parsed.definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const executable = rootElements.filter((e) => is(e, 'bpmn:Process') && e.isExecutable === true);
  if (executable.length !== 1 || executable[0]!.id !== processKey) {
    const ids = executable.map((e) => e.id).join('、') || '无';
    problems.push(
      problem(
        'deploy/process-key',
        `文件须恰好含有一个可执行流程，其标识为“${processKey}”（现为：${ids}）`,
        `The file must hold exactly one executable process, with id "${processKey}" (found: ${executable.map((e) => e.id).join(', ') || 'none'})`,
        executable[0]?.id,
      ),
    );
  }
  if (platformKeys.has(processKey)) {
    problems.push(
      problem(
        'deploy/platform-process',
        `“${processKey}”是平台内置流程，只能随版本发布，不能在建模器中部署；请另存为新的流程标识`,
        `"${processKey}" is one of the platform's own processes, released with the platform, not deployed from the modeler; save it under a new process id`,
        executable[0]?.id,
      ),
    );
  }
  return { parsed: check.parsed, problems };
}
