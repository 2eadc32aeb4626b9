/** A 免申即享 offer as GET /proactive/offers answers it to a person or a company account (the fields the tests read). */
export interface Offer {
  id: number;
  policy: string;
  name: string;
  subjectName: string;
  relation: string;
  status: string;
  caseNo: string | null;
  reason: string | null;
}
