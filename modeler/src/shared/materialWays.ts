import { meets, type Answers } from '../../../contract/catalog/questions.ts';
import { filedByAgent } from '../../../contract/catalog/item.ts';
import type { Attachment, BundlePlan, ItemGuide } from '../window/intakeApi.ts';

/** One material of an application as a page offers it (online and at the window): what it is, and what the catalog allows for it. */
export interface ApplyMaterial {
  code: string;
  name: string;
  formats: string[];
  required: boolean;
  /** 容缺: may be handed in after acceptance */
  tolerable: boolean;
  /** 告知承诺: a signed commitment may stand in for it */
  commitment: boolean;
}

/**
 * An item's materials for the answers given (办理情形), in the page's language. A case an agent
 * files (委托代理 online, 帮办代办 at the window) asks for the authorisation whatever the answers;
 * the application form is generated from the form (申请表电子化), never handed in.
 */
export function itemMaterials(asked: ItemGuide['materials'], answers: Answers, byAgent: boolean, en: boolean): ApplyMaterial[] {
  return (byAgent ? filedByAgent(asked) : asked)
    .filter((m) => !m.applicationForm && meets(m.when ?? null, answers))
    .map((m) => ({
      code: m.code,
      name: en ? m.nameEn : m.name,
      formats: m.formats,
      required: m.required,
      tolerable: m.tolerable,
      commitment: Boolean(m.commitment),
    }));
}

/** A bundle's materials as the server planned them for the answers (and for an agent's case: the authorisation). */
export const planMaterials = (plan: Pick<BundlePlan, 'materials'> | null): ApplyMaterial[] =>
  (plan?.materials ?? []).map((m) => ({ ...m, commitment: Boolean(m.commitment), tolerable: Boolean(m.tolerable) }));

/**
 * How one material is given: a file uploaded now, a file of an earlier case (复用), the applicant's
 * e-license, a signed 告知承诺 instead of it, or 容缺 (handed in later).
 */
export type MaterialWay =
  | { way: 'file'; attachment: Attachment }
  | { way: 'reuse'; attachmentId: string; originalName: string; fromCase: string }
  | { way: 'license'; number: string; name: string }
  | { way: 'commitment' }
  | { way: 'deferral' };

/** A material handed in, as POST /cases takes it: a file, or an e-license in its place. */
export type GivenMaterial = { code: string; attachmentId: string } | { code: string; eLicenseNumber: string };

/** The materials handed in (files, reused files, e-licenses), as the submission's `materials`. */
export const givenMaterials = (ways: Record<string, MaterialWay>): GivenMaterial[] =>
  Object.entries(ways).flatMap(([code, w]): GivenMaterial[] =>
    w.way === 'file'
      ? [{ code, attachmentId: w.attachment.id }]
      : w.way === 'reuse'
        ? [{ code, attachmentId: w.attachmentId }]
        : w.way === 'license'
          ? [{ code, eLicenseNumber: w.number }]
          : [],
  );

/** The submission's `commitments` (告知承诺) and `deferrals` (容缺), each present only when not empty. */
export function promisedMaterials(ways: Record<string, MaterialWay>): { commitments?: { materialCode: string }[]; deferrals?: { materialCode: string }[] } {
  const of = (way: 'commitment' | 'deferral') =>
    Object.entries(ways)
      .filter(([, w]) => w.way === way)
      .map(([materialCode]) => ({ materialCode }));
  const [commitments, deferrals] = [of('commitment'), of('deferral')];
  return { ...(commitments.length ? { commitments } : {}), ...(deferrals.length ? { deferrals } : {}) };
}

/** The ways chosen for materials the list no longer asks for are dropped (the answers or the agent changed the list). */
export function keepWaysOf(ways: Record<string, MaterialWay>, materials: readonly { code: string }[]): void {
  for (const code of Object.keys(ways)) if (!materials.some((m) => m.code === code)) delete ways[code];
}
