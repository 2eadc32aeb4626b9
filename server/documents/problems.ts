/**
 * What can be wrong with a seal image, a signing certificate or a document to be issued. The code is
 * stable for programs; the message is what a person at the window reads (zh-CN), `en` the same in
 * English, so the API can answer in the request's language.
 */
export type DocumentProblemCode =
  | 'seal_not_png'
  | 'seal_corrupt'
  | 'seal_colour_type'
  | 'seal_palette'
  | 'seal_colour'
  | 'seal_dpi'
  | 'seal_file_size'
  | 'seal_true_size'
  | 'seal_blank'
  | 'signer_unreadable'
  | 'signer_password'
  | 'signer_no_private_key'
  | 'signer_no_certificate'
  | 'signer_key_mismatch'
  | 'signer_not_yet_valid'
  | 'signer_expired'
  | 'signer_weak_key'
  | 'signer_key_usage'
  | 'signer_not_issuer'
  | 'sm2_certificate_unreadable'
  | 'sm2_not_sm2'
  | 'sm2_key_unreadable'
  | 'sm2_password'
  | 'sm2_key_mismatch'
  | 'sm2_not_yet_valid'
  | 'sm2_expired'
  | 'sm2_key_missing'
  | 'document_font_missing'
  | 'document_glyph_missing'
  /** a note, not a refusal: a character no installed face has, drawn as its code point */
  | 'document_glyph_unavailable';

export interface DocumentProblem {
  code: DocumentProblemCode;
  message: string;
  en: string;
}

export type Checked<T> = { ok: true; info: T } | { ok: false; problems: DocumentProblem[] };

export const problem = (code: DocumentProblemCode, message: string, en: string): DocumentProblem => ({ code, message, en });

/** Thrown by the facade when an input fails its check; carries every problem found, not just the first. */
export class DocumentProblemError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(problems.map((p) => `${p.code}: ${p.en}`).join('; '));
    this.name = 'DocumentProblemError';
  }
}

/** The value of a passed check, or the check's problems thrown. */
export function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new DocumentProblemError(checked.problems);
  return checked.info;
}
