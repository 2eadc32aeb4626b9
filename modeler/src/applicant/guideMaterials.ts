/**
 * A guide's materials as the page lists them (an item's and a bundle's alike): each in the page's
 * language, and a material asked only in some situations (办理情形) with its situation in words.
 */
export interface GuideQuestion {
  code: string;
  text: string;
  options?: { value: string; label: string }[];
}

export interface GuideMaterial {
  code: string;
  name: string;
  required: boolean;
  formats: string[];
  eLicense: string | null;
  note?: string | null;
  when?: Record<string, boolean | string> | null;
}

/** "是否委托他人代为办理？是": the answers a material's condition names, as the questions ask them. */
export function situationWords(when: Record<string, boolean | string>, questions: GuideQuestion[], words: ReturnType<typeof answerWords>): string {
  return Object.entries(when)
    .map(([code, answer]) => {
      const question = questions.find((q) => q.code === code);
      const said = typeof answer === 'boolean' ? (answer ? words.yes : words.no) : (question?.options?.find((o) => o.value === answer)?.label ?? answer);
      return words.answer(question?.text ?? code, said);
    })
    .join(words.and);
}

/** A condition that names at least one answer: the material is asked only then. */
export const isSituational = (m: GuideMaterial): m is GuideMaterial & { when: Record<string, boolean | string> } =>
  Boolean(m.when && Object.keys(m.when).length > 0);

/** The words situationWords joins answers with, in the page's language. */
export const answerWords = (t: (key: string, named?: Record<string, string>) => string) => ({
  yes: t('applicant.guide.answerYes'),
  no: t('applicant.guide.answerNo'),
  and: t('applicant.guide.situationAnd'),
  answer: (question: string, answer: string) => t('applicant.guide.situationAnswer', { question, answer }),
});
