import { sharedDataOf, type SharedData } from '../../server/shared-data/index.ts';
import { testEnv } from './environment.ts';

/** The registries without the short cache: a test's own lookup must not answer another test's from memory (and the reverse). */
export const uncachedSharedData = (): SharedData => sharedDataOf({ registries: { ...testEnv().config.registries, cacheSeconds: 0 } });

/**
 * 出生登记 in the sandbox 人口库: a child of the father and of his living spouse in his household
 * register (the sandbox gives most heads a spouse), born `daysAgo` days ago. Answers the child's ID number.
 */
export async function registerChildOf(fatherIdNo: string, name: string, sex: 'male' | 'female', daysAgo = 0): Promise<string> {
  const father = await uncachedSharedData().lookupPerson(fatherIdNo, { actor: 'system:test', purpose: '测试：查找配偶' });
  const mother = father?.household.members.find((m) => m.relation === 'spouse' && m.alive);
  if (!mother) throw new Error(`${fatherIdNo} has no living spouse in the sandbox registries`);
  const event = testEnv().registries.control.registerBirth({
    motherIdNo: mother.idNo,
    fatherIdNo,
    name,
    sex,
    birthDate: new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10),
  });
  if (event.type !== 'birth_registered') throw new Error(`the sandbox answered a ${event.type} event`);
  return event.child.idNo;
}
