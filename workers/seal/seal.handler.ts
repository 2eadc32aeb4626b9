import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { sealResults } from '../../server/results/index.ts';
import { rejectionsOf } from '../../server/inbox/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/** 电子印章 (server/results): the decisions and e-licenses of the case, sealed and signed, once each; a refusal gives the review's reasons (server/inbox). */
export const sealHandler: TopicHandler = {
  topic: TOPICS.seal,
  lockDurationMs: 120_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    await sealResults(caseNoOf(task), config, logger, { refusalsOf: rejectionsOf });
    return {};
  },
};
