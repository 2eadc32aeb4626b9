import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { decideAcceptanceByMachine } from '../../server/acceptance/index.ts';
import { sealRecordedNotice } from '../../server/results/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';
import { effectKeyOf } from '../runtime/effect-key.ts';

/** 受理 by machine (server/acceptance): the decision's variables route the process. */
export const acceptanceHandler: TopicHandler = {
  topic: TOPICS.acceptance,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    return { variables: await decideAcceptanceByMachine(caseNoOf(task), await effectKeyOf(task), config, logger) };
  },
  // the notice (受理通知书, 补正材料告知书 …) as a sealed PDF, once the process went on
  afterComplete: async (task, { config }) => void (await sealRecordedNotice(config, await effectKeyOf(task))),
};
