import type { agentZh } from './agentI18n.ts';

export const agentEn: typeof agentZh = {
  name: "Agent's name",
  idNo: "Agent's resident ID number",
  phone: "Agent's mobile phone",
  relationship: "Agent's relationship to the applicant",
  relationshipOptional: 'Relationship to the applicant (optional)',
  chooseRelationship: 'Choose',
  self: 'Agent (you): {name} · {idNo}',
  agent: 'Agent',
  line: '{name} ({relationship})',
  contact: 'ID {idNo} · phone {phone}',
  promised: 'Commitments and deferred materials',
  replacement: 'Signed commitment in place of the material',
  deferral: 'Tolerated: handed in after acceptance',
  deferralHow: 'Deferred, {when}',
  deferralPending: 'to be handed in within 1 working day of acceptance | to be handed in within {n} working days of acceptance',
  deferralDue: 'due by {day}',
  deferralFulfilled: 'handed in on {day}',
  signed: 'signed by {name} at {at}',
  text: 'Text signed',
};
