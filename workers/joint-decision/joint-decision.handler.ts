import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { decideBundle } from '../../server/joint-review/index.ts';
import { sealRecordedNotice } from '../../server/results/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/** 联审联办的联办结论 (server/bundles): decides the bundle from its items' results, keyed on the task. */
export const jointDecisionHandler: TopicHandler = {
  topic: TOPICS.jointDecision,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { logger }) {
    await decideBundle(caseNoOf(task), `ext:${task.id}`, logger);
    return {};
  },
  afterComplete: (task, { config }) => sealRecordedNotice(config, `ext:${task.id}`).then(() => undefined),
};
