import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { decideInstantly } from '../../server/instant-approval/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';
import { effectKeyOf } from '../runtime/effect-key.ts';

/** 秒批 (server/instant-approval): shared data verified, the decision table decides; the verdict routes the process. */
export const instantApprovalHandler: TopicHandler = {
  topic: TOPICS.instantApproval,
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    return { variables: await decideInstantly(caseNoOf(task), await effectKeyOf(task), config, logger) };
  },
};
