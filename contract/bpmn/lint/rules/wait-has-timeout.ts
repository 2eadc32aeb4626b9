import { eventDefinitions, is, siblings, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

const WAITING_DEFINITIONS = ['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:ConditionalEventDefinition'];

const hasTimer = (node: ModdleElement): boolean => eventDefinitions(node).some((d) => is(d, 'bpmn:TimerEventDefinition'));
const waitsForOutside = (node: ModdleElement): boolean => eventDefinitions(node).some((d) => WAITING_DEFINITIONS.some((t) => is(d, t)));
const incomingSources = (node: ModdleElement): ModdleElement[] =>
  (Array.isArray(node.incoming) ? (node.incoming as ModdleElement[]) : []).map((f) => f.sourceRef as ModdleElement).filter(Boolean);
const outgoingTargets = (node: ModdleElement): ModdleElement[] =>
  (Array.isArray(node.outgoing) ? (node.outgoing as ModdleElement[]) : []).map((f) => f.targetRef as ModdleElement).filter(Boolean);

/** An interrupting timer on the boundary of this activity. */
const hasBoundaryTimer = (activity: ModdleElement): boolean =>
  siblings(activity).some((e) => is(e, 'bpmn:BoundaryEvent') && e.attachedToRef === activity && e.cancelActivity !== false && hasTimer(e));

/** The wait ends by a timer on the boundary of a sub-process around it. */
function enclosedByTimer(node: ModdleElement): boolean {
  for (let n = node.$parent; n && is(n, 'bpmn:SubProcess'); n = n.$parent) {
    if (hasBoundaryTimer(n)) return true;
  }
  return false;
}

/**
 * approval/wait-has-timeout: a case never waits for the outside world for ever. A message, signal
 * or condition wait (intermediate catch event, receive task) has a timer next to it: a timer
 * branch of its event-based gateway, an interrupting boundary timer, or one on a sub-process
 * around it. User tasks are exempt: their deadlines are the platform's (承诺时限, step days,
 * 超期预警), counted in working days, and a timer would not know the holiday calendar.
 */
export default function waitHasTimeout(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'bpmn:EventBasedGateway')) {
        if (!outgoingTargets(node).some((t) => is(t, 'bpmn:IntermediateCatchEvent') && hasTimer(t)) && !enclosedByTimer(node)) {
          reporter.report(node.id, '事件网关没有定时分支：等待须有期限（添加定时中间事件分支）', {
            en: 'The event-based gateway has no timer branch: every wait needs a deadline (add a timer catch event branch)',
          });
        }
        return;
      }
      const waits = (is(node, 'bpmn:IntermediateCatchEvent') && waitsForOutside(node)) || is(node, 'bpmn:ReceiveTask');
      if (!waits) return;
      // after an event-based gateway, the gateway's timer branch is the deadline (checked on the gateway)
      if (incomingSources(node).some((s) => is(s, 'bpmn:EventBasedGateway'))) return;
      if (is(node, 'bpmn:ReceiveTask') && hasBoundaryTimer(node)) return;
      if (enclosedByTimer(node)) return;
      const advice = is(node, 'bpmn:ReceiveTask') ? '添加边界定时事件' : '放在带定时分支的事件网关之后';
      reporter.report(node.id, `等待没有期限：${advice}`, {
        en: `The wait has no deadline: ${is(node, 'bpmn:ReceiveTask') ? 'add an interrupting boundary timer' : 'put it behind an event-based gateway with a timer branch'}`,
      });
    },
  };
}
