/** One finding about a BPMN file, shown on the diagram at elementId (when there is one). */
export interface Problem {
  elementId?: string;
  /** the bpmnlint rule (e.g. "approval/known-topic", "label-required") or "policy/…", "parse/…", "deploy/…" */
  rule: string;
  /** zh-CN, the UI's language */
  message: string;
  en: string;
  severity: 'error' | 'warning' | 'info';
}

export const problem = (rule: string, message: string, en: string, elementId?: string, severity: Problem['severity'] = 'error'): Problem => ({
  ...(elementId ? { elementId } : {}),
  rule,
  message,
  en,
  severity,
});

export const hasErrors = (problems: Problem[]): boolean => problems.some((p) => p.severity === 'error');

/** Chinese for the rules of bpmnlint and the Camunda compatibility plug-in (they speak English). */
export const LINT_MESSAGES_ZH: Record<string, string> = {
  'ad-hoc-sub-process': '临时子流程的配置不正确',
  'conditional-flows': '从网关或活动引出的多条顺序流须有条件，或设为默认流',
  'end-event-required': '流程缺少结束事件',
  'event-based-gateway': '事件网关之后只能连接中间捕获事件或接收任务',
  'event-sub-process-typed-start-event': '事件子流程的开始事件须有事件类型',
  'fake-join': '多条顺序流直接汇入一个活动，请用网关汇合',
  global: '全局元素（消息、信号、错误）重复或未被引用',
  'label-required': '元素缺少名称',
  'link-event': '链接事件未成对或名称不匹配',
  'no-bpmndi': '元素在图中没有形状（缺少 BPMNDI），无法显示',
  'no-complex-gateway': '不支持复杂网关',
  'no-disconnected': '元素未与流程连接',
  'no-duplicate-sequence-flows': '两个元素之间有重复的顺序流',
  'no-gateway-join-fork': '网关不能同时汇合和分支',
  'no-implicit-split': '活动引出多条无条件顺序流（隐式分支），请用网关',
  'no-implicit-end': '元素没有出口（隐式结束），请连接到结束事件',
  'no-implicit-start': '元素没有入口（隐式开始）',
  'no-inclusive-gateway': '不建议使用包容网关',
  'no-overlapping-elements': '图中元素重叠',
  'single-blank-start-event': '一个流程只能有一个空开始事件',
  'single-event-definition': '一个事件只能有一个事件定义',
  'start-event-required': '流程缺少开始事件',
  'sub-process-blank-start-event': '子流程须以空开始事件开始',
  'superfluous-gateway': '多余的网关（只有一进一出）',
  'superfluous-label': '多余的标签',
  'superfluous-termination': '多余的终止结束事件',
  'camunda-compat/history-time-to-live': '流程未设置历史保留时间（historyTimeToLive），将按引擎默认保留十年',
};
