import { camundaAttr, is, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

export interface CandidateGroupConfig {
  /** the groups that exist: "<department>:<role>" */
  groups: string[];
  /** roles a task may be offered to with the case's department: "${<departmentVariable>}:<role>" */
  roles: string[];
  /** the process variable naming the case's department (VARIABLES.departmentCode) */
  departmentVariable: string;
}

/**
 * approval/user-task-candidate-group: every user task says who handles it: candidate groups that
 * exist ("<department>:<role>", or "${departmentCode}:<role>" for the case's own department), or
 * an assignee (the people of a multi-instance review step).
 */
export default function userTaskCandidateGroup(config: CandidateGroupConfig): Rule {
  const groups = new Set(config?.groups ?? []);
  const departmentGroup = new RegExp(`^\\$\\{\\s*${config?.departmentVariable ?? 'departmentCode'}\\s*\\}:(.+)$`);
  const known = (group: string): boolean => {
    if (groups.has(group)) return true;
    const role = departmentGroup.exec(group)?.[1];
    return !!role && (config?.roles ?? []).includes(role);
  };
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (!is(node, 'bpmn:UserTask')) return;
      const candidateGroups = camundaAttr(node, 'candidateGroups');
      if (!candidateGroups) {
        if (camundaAttr(node, 'assignee') || camundaAttr(node, 'candidateUsers')) return;
        reporter.report(node.id, '人工环节没有指定办理部门和角色（候选组），请从人工环节模板中选择', {
          en: 'The user task has no candidate group; pick a user task template',
        });
        return;
      }
      const unknown = candidateGroups
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g && !known(g));
      if (unknown.length) {
        reporter.report(node.id, `候选组不存在：${unknown.join('、')}（应为“部门:角色”，如 samr:reviewer）`, {
          en: `No such candidate group: ${unknown.join(', ')} (expected "<department>:<role>", e.g. samr:reviewer)`,
        });
      }
    },
  };
}
