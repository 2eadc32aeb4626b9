import type { proactiveZh } from './i18n.ts';

export const proactiveEn: typeof proactiveZh = {
  nav: 'Proactive services',
  title: 'Proactive services: for you',
  intro:
    'From shared data such as the population registry, you (or your family) qualify for the following; no application and no materials needed: take it up with one click.',
  introCompany:
    'From shared data such as the legal-person registry, your company qualifies for the following business support; no application and no materials needed: the legal representative or an authorised agent takes it up with one click, and the money is paid to the company’s bank account.',
  companyAcceptTitle: 'Take it up for the company',
  companyAcceptText:
    'A case opens in the name of "{company}", and "{name}" is paid to the company’s bank account. Give the mobile number of the contact for the case.',
  phone: 'Contact’s mobile number',
  phoneInvalid: 'Give a valid 11-digit mobile number',
  acceptConfirm: 'Take it up',
  accept: 'Take it up',
  decline: 'No, thanks',
  accepted: 'Taken up: case {caseNo} was opened for you',
  declined: 'Your choice is recorded',
  declineTitle: 'Not needed',
  declineText: 'Not take up "{name}"? You may tell us why (optional).',
  reasonPlaceholder: 'e.g. already insured through my employer',
  declineConfirm: 'Not needed',
  forWhom: 'For: {name} ({relation})',
  until: 'open until {day}',
  reasonGiven: 'reason: {reason}',
  openCase: 'Open case {caseNo}',
  relation: { self: 'yourself', father: 'you are the father', mother: 'you are the mother', company: 'your company' },
  status: { offered: 'Open', accepted: 'Taken up', declined: 'Declined', granted: 'Granted directly', superseded: 'Taken up by family', lapsed: 'Lapsed' },
  policiesTitle: 'Proactive service policies',
  policiesIntro:
    'The platform finds the people and companies who qualify from shared data, and offers them the service or grants it directly; each policy’s rule is a decision table, whose hit counts are on its page.',
  runNow: 'Run a round now',
  ran: 'This round: {offered} offered, {granted} granted directly, {ineligible} not eligible, {already} had it before',
  oncePerRecipient: { person: 'once per person', company: 'once per company' },
  policy: 'Policy',
  when: 'Raised',
  how: 'How',
  rule: 'Rule (decision table)',
  trigger: { birth_registered: 'after a birth registration', birthday: 'on turning {age}', e_license_issued: 'after an e-licence ({type}) is issued' },
  grant: { offer: 'offered, one click', direct: 'granted directly' },
  recipients: { subject: 'the person', parents: 'the parents', company: 'the company (legal person)' },
};
