import type { AppContext } from '../context.ts';
import { ProcessDraft } from './process-draft.model.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { platformProcessKeys } from './platform-processes.ts';

const PREFIX = /^[A-Za-z_][\w.-]{0,63}$/;

/**
 * The newest deployed version of every process whose key starts with `prefix` (by default item_:
 * the processes an item may run on), whether it ships with the platform, and the draft it is
 * edited in (null: none, e.g. a platform process).
 */
export async function deployedProcesses(ctx: AppContext, prefix: unknown = 'item_') {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw validationFailed([
      fieldProblem(
        'prefix',
        '流程标识前缀：须以字母或下划线开头，最多 64 个字母、数字、下划线、点或连字符',
        'prefix: a letter or an underscore first, up to 64 letters, digits, underscores, dots or hyphens',
      ),
    ]);
  }
  const definitions = await ctx.engine.latestProcessDefinitions(prefix);
  const drafts = await ProcessDraft.findAll({ attributes: ['id', 'processKey'] });
  const platform = platformProcessKeys(ctx.config.processesDir);
  return definitions.map((d) => ({
    key: d.key,
    name: d.name,
    version: d.version,
    processDefinitionId: d.id,
    platform: platform.has(d.key),
    draftId: drafts.find((x) => x.processKey === d.key)?.id ?? null,
  }));
}
