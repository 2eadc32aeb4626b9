import { fieldProblem, type FieldProblem } from '../problems.ts';
import { DECISION_KEY, DECISION_KEY_PATTERN } from '../dmn/decision-key.ts';

/**
 * 即报即批 / 秒批 (issue 19): an item marked for instant approval is, once accepted, verified against
 * shared data (人口库、法人库: server/shared-data) and decided by a deployed decision table; an
 * approved case goes to its results with no human step, any other outcome to the reviewer with the
 * table's reasons. docs/instant-approval.md.
 *
 * What the table reads: the form's fields by name, the 办理情形 answers by their code, and the facts
 * the checks establish (below), named `<subject><Fact>`: a check of subject `operator` gives
 * `operatorFound`, `operatorNameMatches`, `operatorAgeYears` …
 */
export interface InstantApproval {
  /** the key of the deployed decision that decides (its latest version at the time of the case) */
  decision: string;
  /** what is verified against the registries before the table decides */
  checks: InstantCheck[];
}

export const INSTANT_REGISTRIES = ['population', 'legal_person'] as const;
export type InstantRegistry = (typeof INSTANT_REGISTRIES)[number];

/** One lookup: the registry, the form field holding the number (居民身份证号码 / 统一社会信用代码), the field holding the name to compare. */
export interface InstantCheck {
  registry: InstantRegistry;
  /** the facts' prefix: who the number is, e.g. operator, child, company */
  subject: string;
  /** the form field holding the ID number or credit code */
  numberField: string;
  /** the form field holding the name the registry's must equal (optional) */
  nameField?: string;
}

/** A fact a check establishes, with its FEEL type (for the decision's inputs) and what it means. */
export interface InstantFact {
  name: string;
  typeRef: 'boolean' | 'integer' | 'string';
  zh: string;
  en: string;
}

const FACTS: Record<InstantRegistry, { suffix: string; typeRef: InstantFact['typeRef']; zh: string; en: string }[]> = {
  population: [
    { suffix: 'Found', typeRef: 'boolean', zh: '人口库中有此身份证号码', en: 'the population registry holds the ID number' },
    { suffix: 'NameMatches', typeRef: 'boolean', zh: '姓名与人口库一致', en: 'the name equals the registry’s' },
    { suffix: 'Alive', typeRef: 'boolean', zh: '健在（未登记死亡）', en: 'alive (no death registered)' },
    { suffix: 'AgeYears', typeRef: 'integer', zh: '周岁', en: 'age in whole years' },
    { suffix: 'AgeMonths', typeRef: 'integer', zh: '月龄', en: 'age in whole months' },
    { suffix: 'LocalHousehold', typeRef: 'boolean', zh: '本市户籍', en: 'household registered in this city' },
    { suffix: 'IsApplicant', typeRef: 'boolean', zh: '即申请人本人', en: 'is the applicant' },
    { suffix: 'ApplicantIsParent', typeRef: 'boolean', zh: '申请人是其父母（同一户籍）', en: 'the applicant is a parent (same household)' },
    { suffix: 'DisabilityLevel', typeRef: 'integer', zh: '残疾等级（1–4，无证为空）', en: 'disability level (1–4, none: null)' },
  ],
  legal_person: [
    { suffix: 'Found', typeRef: 'boolean', zh: '法人库中有此统一社会信用代码', en: 'the legal-person registry holds the credit code' },
    { suffix: 'NameMatches', typeRef: 'boolean', zh: '名称与法人库一致', en: 'the name equals the registry’s' },
    { suffix: 'Active', typeRef: 'boolean', zh: '存续', en: 'in business (存续)' },
    { suffix: 'Type', typeRef: 'string', zh: '市场主体类型', en: 'type of market entity' },
    { suffix: 'RepresentativeIsApplicant', typeRef: 'boolean', zh: '法定代表人（经营者）即申请人', en: 'the legal representative is the applicant' },
    { suffix: 'LocalRegistration', typeRef: 'boolean', zh: '本市登记', en: 'registered in this city' },
    { suffix: 'RegisteredCapitalWan', typeRef: 'integer', zh: '注册资本（万元，未登记为空）', en: 'registered capital in 10,000 yuan (none declared: null)' },
  ],
};

/** The facts a list of checks establishes, in order. */
export const instantFacts = (checks: readonly InstantCheck[]): InstantFact[] =>
  checks.flatMap((c) => (FACTS[c.registry] ?? []).map((f) => ({ name: `${c.subject}${f.suffix}`, typeRef: f.typeRef, zh: f.zh, en: f.en })));

/** A checked subject's name (`operator`): the prefix of its facts' names, so a FEEL name; also a 免申即享 policy's subject. */
export const SUBJECT_PATTERN = '^[a-z][A-Za-z0-9]{1,30}$';
const SUBJECT = new RegExp(SUBJECT_PATTERN, 'u');

export const instantApprovalSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['decision', 'checks'],
  properties: {
    decision: { type: 'string', pattern: DECISION_KEY_PATTERN },
    checks: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['registry', 'subject', 'numberField'],
        properties: {
          registry: { type: 'string', enum: [...INSTANT_REGISTRIES] },
          subject: { type: 'string', pattern: SUBJECT_PATTERN },
          numberField: { type: 'string', minLength: 1, maxLength: 64 },
          nameField: { type: 'string', nullable: true, minLength: 1, maxLength: 64 },
        },
      },
    },
  },
} as const;

/**
 * What is wrong with an item's 秒批: fields the form does not have, subjects twice, and (when the
 * decision is known: `reads`, the variables its inputs read; null when no such decision is
 * deployed) a decision the platform cannot run or that reads what the case will not have.
 */
export function instantApprovalProblems(
  instant: InstantApproval,
  available: { formFields: readonly string[]; questions: readonly string[] },
  reads: readonly string[] | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = 'instantApproval';
  if (!DECISION_KEY.test(instant.decision)) {
    problems.push(fieldProblem(`${at}.decision`, '决策表：请选择一个已部署的决策', 'Decision: choose a deployed decision'));
  } else if (reads === null) {
    problems.push(
      fieldProblem(
        `${at}.decision`,
        `决策表“${instant.decision}”尚未部署：请先在流程建模中部署它`,
        `Decision "${instant.decision}" is not deployed: deploy it in the modeler first`,
      ),
    );
  }
  const subjects = new Set<string>();
  instant.checks.forEach((c, i) => {
    if (!SUBJECT.test(c.subject)) {
      problems.push(
        fieldProblem(
          `${at}.checks.${i}.subject`,
          '核验对象：以小写字母开头的英文标识（如 operator）',
          'Subject: an identifier starting with a lower-case letter (e.g. operator)',
        ),
      );
    } else if (subjects.has(c.subject)) {
      problems.push(fieldProblem(`${at}.checks.${i}.subject`, `核验对象“${c.subject}”重复`, `Subject "${c.subject}" twice`));
    }
    subjects.add(c.subject);
    for (const key of ['numberField', 'nameField'] as const) {
      const field = c[key];
      if (field && !available.formFields.includes(field)) {
        problems.push(fieldProblem(`${at}.checks.${i}.${key}`, `表单中没有字段“${field}”`, `The form has no field "${field}"`));
      }
    }
  });
  if (reads) {
    const known = new Set([...available.formFields, ...available.questions, ...instantFacts(instant.checks).map((f) => f.name)]);
    const missing = reads.filter((name) => !known.has(name));
    if (missing.length) {
      problems.push(
        fieldProblem(
          `${at}.decision`,
          `决策表读取的输入在办件中没有：${missing.join('、')}（可用：表单字段、办理情形、核验结果）`,
          `The decision reads inputs a case does not have: ${missing.join(', ')} (available: the form's fields, the situation answers, the checks' facts)`,
        ),
      );
    }
  }
  return problems;
}
