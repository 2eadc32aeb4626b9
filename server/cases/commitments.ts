import { createHash } from 'node:crypto';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';

/**
 * The text of a 告知承诺书 for one material, written by the platform (never by the client), so
 * that every applicant signs the same words. `agentName`: an agent signs for the applicant
 * (帮办代办, 委托代理), under the authorisation the case holds.
 */
export function commitmentText(itemName: string, material: MaterialRequirement, applicantName: string, agentName?: string): string {
  if (agentName) {
    return (
      `本人${agentName}受${applicantName}委托代为申请办理“${itemName}”，承诺申请人已具备“${material.name}”所证明的条件，所作承诺真实、准确、完整。` +
      '本人及申请人知晓：行政机关将依法对承诺内容进行核查，如承诺不实，将依法承担相应法律责任，已作出的决定可依法撤销。'
    );
  }
  return (
    `本人${applicantName}申请办理“${itemName}”，承诺已具备“${material.name}”所证明的条件，所作承诺真实、准确、完整。` +
    '本人知晓：行政机关将依法对承诺内容进行核查，如承诺不实，将依法承担相应法律责任，已作出的决定可依法撤销。'
  );
}

/** A record of who signed what, when: any change to one of them changes the hash. */
export function commitmentHash(text: string, signerName: string, signerIdNo: string, signedAt: Date): string {
  return createHash('sha256').update([text, signerName, signerIdNo, signedAt.toISOString()].join('\n')).digest('hex');
}

/** The text of a 容缺受理承诺书: the applicant (or the agent for them) hands the tolerated material in within the period. */
export function deferralText(itemName: string, material: MaterialRequirement, applicantName: string, workingDays: number, agentName?: string): string {
  if (agentName) {
    return (
      `本人${agentName}受${applicantName}委托代为申请办理“${itemName}”，申请对“${material.name}”容缺受理，承诺自受理之日起${workingDays}个工作日内补交该材料，` +
      '并对已提交材料的真实性负责。本人及申请人知晓：逾期未补交的，申请将被终止办理。'
    );
  }
  return (
    `本人${applicantName}申请办理“${itemName}”，申请对“${material.name}”容缺受理，承诺自受理之日起${workingDays}个工作日内补交该材料，` +
    '并对已提交材料的真实性负责。本人知晓：逾期未补交的，申请将被终止办理。'
  );
}
