import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { decideBundle } from '../../server/joint-review/index.ts';
import { sealRecordedNotice } from '../../server/results/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';
import { effectKeyOf } from '../runtime/effect-key.ts';

/** 联审联办的联办结论 (server/bundles): decides the bundle from its items' results, keyed on the case and the step (runtime/effect-key.ts). */
export const jointDecisionHandler: TopicHandler = {
  topic: TOPICS.jointDecision,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { logger }) {
    await decideBundle(caseNoOf(task), await effectKeyOf(task), logger);
    return {};
  },
  afterComplete: async (task, { config }) => void (await sealRecordedNotice(config, await effectKeyOf(task))),
};
