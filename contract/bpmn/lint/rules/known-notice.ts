import { TOPICS } from '../../../topics.ts';
import { camundaAttr, inputParameter, is, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

export interface KnownNoticeConfig {
  /** the notices the notify worker knows (contract/topics.ts NOTICES) */
  notices: string[];
}

/** approval/known-notice: a 告知 (notify) task sends a notice the notify worker knows. */
export default function knownNotice(config: KnownNoticeConfig): Rule {
  const notices = config?.notices ?? [];
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (!is(node, 'camunda:ServiceTaskLike') || camundaAttr(node, 'type') !== 'external' || camundaAttr(node, 'topic') !== TOPICS.notify) return;
      const notice = inputParameter(node, 'notice');
      if (!notice) {
        reporter.report(node.id, `告知环节没有选择告知书（输入参数 notice，可用：${notices.join('、')}）`, {
          en: `The notify task names no notice (input "notice"; known: ${notices.join(', ')})`,
        });
      } else if (!notices.includes(notice)) {
        reporter.report(node.id, `告知环节的告知书“${notice}”没有程序能发出（可用：${notices.join('、')}），请从告知模板的下拉框中选择`, {
          en: `No worker sends the notice "${notice}" (known: ${notices.join(', ')}); pick one in the notify template's list`,
        });
      }
    },
  };
}
