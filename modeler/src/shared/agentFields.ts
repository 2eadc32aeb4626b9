import type { AgentRelationship, CaseAgentBody } from '../../../contract/requests/case-agent.ts';

/** 代办人 as a page edits it: typed at the window (帮办代办); online the agent is the signed-in person and types the phone. */
export interface AgentFieldValues {
  name: string;
  idNo: string;
  phone: string;
  relationship: AgentRelationship | '';
}

/** The fields of the agent a problem can be shown at (the contract's names under `agent`). */
export type AgentField = 'name' | 'idNo' | 'phone' | 'relationship';

export const noAgent = (): AgentFieldValues => ({ name: '', idNo: '', phone: '', relationship: '' });

/** The agent as POST /cases takes it: trimmed, the relationship only when chosen. */
export const agentOf = (values: AgentFieldValues): CaseAgentBody => ({
  name: values.name.trim(),
  idNo: values.idNo.trim().toUpperCase(),
  phone: values.phone.trim(),
  ...(values.relationship ? { relationship: values.relationship } : {}),
});
