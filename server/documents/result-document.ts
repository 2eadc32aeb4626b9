/**
 * A result document as the platform issues it: a decision (准予/不予行政许可决定书), a notice
 * (受理通知书, 补正材料通知书 …) or an e-license. Plain data, so a worker can build it from the case
 * and a retry builds the same thing.
 */
export interface ResultDocument {
  /** `document` for decisions and notices (GB/T 9704 style), `license` for an e-license certificate */
  layout?: 'document' | 'license';
  title: string;
  /** 文号 or license number: 长审批决〔2026〕118号 */
  documentNo: string;
  /** the applicant: a person or a company */
  recipient: string;
  paragraphs: string[];
  fields: DocumentField[];
  /** the issuing department, as on its seal */
  issuer: string;
  issuedAt: Date;
  seal?: SealStamp;
}

export interface DocumentField {
  label: string;
  value: string;
}

export interface SealStamp {
  png: Buffer;
  placement?: SealPlacement;
}

/**
 * `issuer` (the default) stamps as GB/T 9704 asks: centred over the issuer's name and the date,
 * which sit a little below the seal's centre. Otherwise the seal's centre in millimetres from the
 * page's top-left corner, on a page counted from 0 (default: the last).
 */
export type SealPlacement = 'issuer' | { page?: number; xMm: number; yMm: number };

/** 2026年11月23日: the date in China Standard Time (UTC+8, no daylight saving), Arabic numerals as GB/T 9704-2012 asks. */
export function chineseDate(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** Every character a document prints, to choose a font that has them all. */
export function documentText(document: ResultDocument): string {
  return [
    document.title,
    document.documentNo,
    document.recipient,
    ...document.paragraphs,
    ...document.fields.flatMap((f) => [f.label, f.value]),
    document.issuer,
    chineseDate(document.issuedAt),
    '：编号持证主体发证机关',
  ].join('');
}
