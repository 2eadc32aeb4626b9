import type { DocumentKind, RecognisedField } from '../../contract/recognition/documents.ts';
import type { OcrLine } from './ocr-lines.ts';
import { parseIdCard } from './id-card.ts';
import { parseBusinessLicence } from './business-licence.ts';
import { parseFilledForm } from './filled-form.ts';

/** Each document kind's reading of the OCR's lines (a new kind: its parser here, its key in contract/recognition/documents.ts). */
export const PARSERS: Record<DocumentKind, (lines: OcrLine[]) => RecognisedField[]> = {
  id_card: parseIdCard,
  business_licence: parseBusinessLicence,
  form: parseFilledForm,
};
