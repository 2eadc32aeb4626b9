import type { Principal } from '../auth/index.ts';
import { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import { notFound } from '../errors/app-error.ts';
import { isStaff, mayView } from './case-access.ts';
import { attachmentById, attachmentKey } from '../attachments/index.ts';
import { ObjectMissing, type ObjectStore } from '../storage/index.ts';
import type { CaseViewSources } from './case-view-sources.ts';

/**
 * A file of a case, for whoever may see the case: a submitted material, or (staff only) a file a
 * reviewer added during review, opened from the store. Any other attachment id is a 404, as is a case
 * the caller may not see.
 */
export async function caseFile(
  store: ObjectStore,
  isReviewFileOf: CaseViewSources['isReviewFileOf'],
  principal: Principal,
  caseNo: string,
  attachmentId: string,
) {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c || !(await mayView(principal, c))) throw notFound('case_not_found');
  const ofCase =
    (await CaseMaterial.count({ where: { caseId: c.id, attachmentId } })) > 0 || (isStaff(principal) && (await isReviewFileOf(c.id, attachmentId)));
  const attachment = ofCase ? await attachmentById(attachmentId) : null;
  if (!attachment) throw notFound('attachment_not_found');
  try {
    return { attachment, content: await store.stream(attachmentKey(attachment.storageKey)) };
  } catch (err) {
    if (err instanceof ObjectMissing) throw notFound('attachment_not_found');
    throw err;
  }
}
