import { camundaAttr, is, ownerId, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

export interface KnownTopicConfig {
  /** the closed list of external-task topics (contract/topics.ts TOPICS) */
  topics: string[];
}

/** approval/known-topic: an external task names one of the topics our workers serve. */
export default function knownTopic(config: KnownTopicConfig): Rule {
  const topics = new Set(config?.topics ?? []);
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (!is(node, 'camunda:ServiceTaskLike') || camundaAttr(node, 'type') !== 'external') return;
      const topic = camundaAttr(node, 'topic');
      if (!topic) {
        reporter.report(ownerId(node), '外部任务缺少主题（topic），请从机器环节模板中选择', {
          en: 'The external task has no topic; pick a machine step template',
        });
      } else if (!topics.has(topic)) {
        reporter.report(ownerId(node), `未知的外部任务主题“${topic}”，可用：${[...topics].join('、')}`, {
          en: `Unknown external task topic "${topic}"; known topics: ${[...topics].join(', ')}`,
        });
      }
    },
  };
}
