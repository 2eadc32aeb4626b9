import type { pickupZh } from './i18n.ts';

export const pickupEn: typeof pickupZh = {
  nav: 'Pickups',
  title: 'Results pickup at the window',
  intro:
    'Results waiting at this hall (priority lane first). The applicant or the registered agent says the pickup code and shows the original ID; hand over once both are checked.',
  search: 'Case number or applicant',
  find: 'Find',
  refresh: 'Refresh',
  none: 'No results are waiting at this hall',
  caseNo: 'Case number',
  item: 'Item',
  applicant: 'Applicant',
  agent: 'Agent',
  status: 'Status',
  documents: '1 document | {n} documents',
  waitingSince: 'Waiting since',
  handOver: 'Hand over',
  handOverTitle: 'Hand over the results of {caseNo}',
  pickupCode: 'Pickup code',
  pickupCodeHint: 'Said by the person collecting (the text or message the applicant received)',
  idNo: "Collector's ID number",
  idNoHint: "Typed after checking the original ID of the applicant (or the registered agent); a company's unified social credit code",
  idChecked: "I checked the collector's original ID",
  confirm: 'Hand over',
  cancel: 'Cancel',
  handedOver: 'Handed over: {caseNo} is delivered',
};
