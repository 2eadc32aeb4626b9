import type { ResultDocument as PdfDocument } from '../documents/result-document.ts';
import type { ItemDefinition } from '../../contract/catalog/item.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { chineseDate } from '../documents/result-document.ts';
import type { CaseRecord } from '../cases/index.ts';

const LICENSING = 'administrative_license';

/** A reviewer's reason for refusing (their opinion's comment), as the review recorded it. */
export interface RefusalReason {
  comment: string;
}

/** The decision's title: printed in Chinese on the document, listed in English on pages in English. */
export function decisionTitle(approved: boolean, item: Pick<ItemDefinition, 'type'>): { 'zh-CN': string; en: string } {
  const licensing = item.type === LICENSING;
  return {
    'zh-CN': `${approved ? '准予' : '不予'}${licensing ? '行政许可' : '办理'}决定书`,
    en: `Decision to ${approved ? 'grant' : 'refuse'} ${licensing ? 'the administrative licence' : 'the application'}`,
  };
}

/**
 * 准予/不予（行政许可）决定书: the decision as the applicant receives it, from the case's facts only.
 * The layout addresses it to the applicant (称谓, the recipient): the paragraphs start with the body.
 */
export function decisionDocument(c: CaseRecord, item: ItemDefinition, issuer: string, refusalReasons: RefusalReason[]): PdfDocument {
  const approved = c.decision === 'approved';
  const licensing = item.type === LICENSING;
  const title = decisionTitle(approved, item)['zh-CN'];
  const issuedAt = c.finishedAt ?? c.updatedAt;
  const submitted = chineseDate(c.createdAt);
  const accepted = c.acceptedAt ? chineseDate(c.acceptedAt) : submitted;
  const paragraphs = [`你（单位）于${submitted}提出的“${item.name}”申请（办件编号 ${c.caseNo}），本机关已于${accepted}依法受理。`];
  if (approved) {
    paragraphs.push(
      `经审查，申请符合${[...new Set(item.legalBasis.map((b) => b.title))].join('、')}规定的条件和标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予${licensing ? '行政许可' : '办理'}。`,
    );
    const license = item.results.find((r) => r.kind === 'license');
    if (license) paragraphs.push(`本机关将依法向你（单位）颁发《${license.name}》，电子证照与纸质证照具有同等法律效力。`);
  } else {
    paragraphs.push('经审查，你（单位）的申请不符合法定条件、标准，理由如下：');
    const reasons = refusalReasons.map((o) => o.comment.trim()).filter(Boolean);
    (reasons.length ? reasons : ['经审查不符合法定条件。']).forEach((r, i) => paragraphs.push(`${i + 1}. ${r}`));
    paragraphs.push('根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。');
    paragraphs.push('如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。');
  }
  return {
    layout: 'document',
    title,
    documentNo: `${approved ? '准' : '不准'}〔${shanghaiDay(issuedAt).slice(0, 4)}〕${c.caseNo}号`,
    recipient: c.applicantName,
    paragraphs,
    fields: [
      { label: '办件编号', value: c.caseNo },
      { label: '事项名称', value: item.name },
      { label: '申请人', value: c.applicantName },
    ],
    issuer,
    issuedAt,
  };
}
