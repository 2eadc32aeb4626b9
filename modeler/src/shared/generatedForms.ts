import { meets, type Answers } from '../../../contract/catalog/questions.ts';

/** An application form (申请表) the platform generates from the form's answers, as the pages list it: never handed in. */
export interface GeneratedForm {
  code: string;
  name: string;
  /** a bundle's words for it (whose application it is); none for a single item's own */
  reason?: string;
}

interface CatalogMaterial {
  code: string;
  name: string;
  nameEn: string;
  applicationForm?: boolean;
  when?: Record<string, boolean | string> | null;
}

/** 申请表电子化: the item's application forms among its materials (those its answers call for, when given), in the page's language. */
export function itemApplicationForms(materials: CatalogMaterial[], english: boolean, answers?: Answers): GeneratedForm[] {
  return materials
    .filter((m) => m.applicationForm && (!answers || meets(m.when ?? null, answers)))
    .map((m) => ({ code: m.code, name: english ? m.nameEn : m.name }));
}
