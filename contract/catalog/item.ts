import type { JSONSchemaType } from 'ajv';
import { REGION_LEVELS, type RegionLevel } from '../regions.ts';
import { AGENT_CHANNELS, CHANNELS, type Channel } from '../channels.ts';
import { CODE_PATTERNS } from './codes.ts';
import { ONLINE_DEPTHS, type OnlineDepth } from './online-depth.ts';
import { instantApprovalSchema, type InstantApproval } from './instant-approval.ts';
import { DAYS, DEPARTMENT_CODE_LENGTH, NAME_LENGTH, STEP_DAYS } from './limits.ts';
import { questionSchema, type Condition, type Question } from './questions.ts';

/** 事项类型 */
export const ITEM_TYPES = [
  'administrative_license',
  'administrative_confirmation',
  'administrative_payment',
  'administrative_ruling',
  'public_service',
  'other',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const FILE_FORMATS = ['pdf', 'jpg', 'png'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What an item issues: a licence, a decision, a notice. */
export const RESULT_KINDS = ['license', 'decision', 'notice'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** An entry of the shared material catalog (材料目录, processes/catalog/materials.json). */
/**
 * Whether an item must list an authorisation material (授权委托书): it takes applications through a
 * channel where an agent may file them. The server's catalog check and the analysts' editor ask this.
 */
export const lacksAgentAuthorization = (item: Pick<ItemFile, 'channels' | 'materials'>, catalog: ReadonlyMap<string, CatalogMaterial>): boolean =>
  item.channels.some((c) => AGENT_CHANNELS.includes(c)) && !item.materials.some((m) => catalog.get(m.code)?.agentAuthorization);

/**
 * The materials of a case an agent files (委托代理 online, 帮办代办): the authorisation they hand in
 * (授权委托书) is required whatever the item's situations say — asked or not whether someone else
 * applies, the platform knows it. Intake and acceptance (server) and the applicant's page apply it.
 */
export const filedByAgent = <M extends { agentAuthorization?: boolean; required: boolean; when?: Condition | null }>(materials: readonly M[]): M[] =>
  materials.map((m) => (m.agentAuthorization ? { ...m, required: true, when: null } : m));

export interface CatalogMaterial {
  code: string;
  name: string;
  nameEn: string;
  formats: FileFormat[];
  /** the e-license type that can replace this material, if any */
  eLicense: string | null;
  /** whether 容缺受理 may accept a case without it (with a commitment) */
  tolerable: boolean;
  description?: string;
  /**
   * the item's application form (申请表/申请书): in a bundle (一件事) the platform generates it from
   * the merged form's answers (一表申请), so the applicant hands in no such file
   */
  applicationForm?: boolean;
  /**
   * 授权委托书: the authorisation an agent hands in. A case filed by an agent (委托代理 online,
   * 帮办代办) must include it whatever the item's situations say; every item that takes online or
   * assisted applications lists one (server/catalog/process-folders.ts)
   */
  agentAuthorization?: boolean;
}

/** How item.json names a material: a catalog code and what this item asks of it. */
export interface ItemMaterialRef {
  code: string;
  required: boolean;
  note?: string;
  /** 告知承诺: the applicant may sign a commitment instead of handing in this material */
  commitment?: boolean;
  /** 办理情形: asked only when the answers meet this condition (absent: always) */
  when?: Condition;
}

/** A material of a stored item version: the catalog entry as it was, plus the item's terms. */
export type MaterialRequirement = CatalogMaterial & ItemMaterialRef;

/**
 * 设定依据: a law and its article. The English fields are what pages in English show: the title and
 * article as the law is known in English, and an unofficial English rendering of the text (the
 * Chinese wording is the law; pages say so and keep it at hand).
 */
export interface LegalBasis {
  title: string;
  titleEn: string;
  article: string;
  articleEn: string;
  text: string;
  textEn: string;
  /** true where the text is a sample written for the demo, not the official wording */
  sample: boolean;
}

/** 收费: a fee the item charges on approval, named and founded in both languages. */
export interface ItemFee {
  name: string;
  nameEn: string;
  amountCents: number;
  basis: string;
  basisEn: string;
}

/** What an item issues; `material`: the catalog material it produces (another item of a bundle need not ask for it). */
export interface ItemResult {
  name: string;
  /** the name pages in English list it by (the document itself stays Chinese) */
  nameEn?: string;
  kind: ResultKind;
  material?: string;
}

/**
 * An item version's metadata: the 12 standard elements and more. item.json holds it with material
 * references (ItemFile); the stored version carries the catalog entries resolved, so a case keeps
 * exactly what it was submitted under.
 */
export interface ItemDefinition {
  code: string;
  name: string;
  nameEn: string;
  type: ItemType;
  departmentCode: string;
  processKey: string;
  legalBasis: LegalBasis[];
  promisedDays: number;
  statutoryDays: number;
  /** 申请条件 */
  conditions: string[];
  /** the conditions in English, one for each of `conditions`, in the same order */
  conditionsEn: string[];
  materials: MaterialRequirement[];
  fees: ItemFee[];
  results: ItemResult[];
  /** 办理地点 */
  place: string;
  placeEn: string;
  phone: string;
  channels: Channel[];
  /** 网办深度 (contract/catalog/online-depth.ts): 4 is 全程网办 */
  onlineDepth: OnlineDepth;
  /** 办理情形: questions whose answers choose the materials (by their `when`) and the process's branches */
  situations?: Question[];
  /** working days each step of the process may take (by user task id), for its due date and colour */
  stepDays?: Record<string, number>;
  /** the form fields a step's holder sees (by user task id); a step not named sees every field */
  stepFields?: Record<string, string[]>;
  /**
   * 四级: the levels of the region tree that handle the item (四级九统: the same item, the same
   * elements at each); a case goes to the region it is applied in, or the nearest one above it
   * that handles the item. None: the platform's own region handles it.
   */
  levels?: RegionLevel[];
  /** 即报即批 / 秒批 (./instant-approval.ts): verified against shared data, decided by a decision table */
  instantApproval?: InstantApproval;
  /** 给付: what an approved case pays its applicant (a benefit), through the payment gateway's transfer (代发) */
  payout?: ItemPayout;
}

/** A benefit paid on approval: the amount in fen, and what the payee's statement says. */
export interface ItemPayout {
  amountCents: number;
  purpose: string;
  purposeEn: string;
}

/** item.json, and what PUT /items/{code} takes as `definition`: materials as catalog references. */
export type ItemFile = Omit<ItemDefinition, 'materials'> & { materials: ItemMaterialRef[] };

/** a text with something in it (the editor's check: not only spaces) */
const NOT_BLANK = { type: 'string', pattern: '\\S' } as const;

export const itemFileSchema: JSONSchemaType<ItemFile> = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'name',
    'nameEn',
    'type',
    'departmentCode',
    'processKey',
    'legalBasis',
    'promisedDays',
    'statutoryDays',
    'conditions',
    'conditionsEn',
    'materials',
    'fees',
    'results',
    'place',
    'placeEn',
    'phone',
    'channels',
    'onlineDepth',
  ],
  properties: {
    code: { type: 'string', pattern: CODE_PATTERNS.item },
    name: { type: 'string', minLength: NAME_LENGTH.min, maxLength: NAME_LENGTH.max },
    nameEn: { type: 'string', minLength: NAME_LENGTH.min, maxLength: NAME_LENGTH.max },
    type: { type: 'string', enum: ITEM_TYPES },
    departmentCode: { type: 'string', minLength: DEPARTMENT_CODE_LENGTH.min, maxLength: DEPARTMENT_CODE_LENGTH.max },
    processKey: { type: 'string', pattern: CODE_PATTERNS.itemProcessKey },
    legalBasis: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'titleEn', 'article', 'articleEn', 'text', 'textEn', 'sample'],
        properties: {
          title: NOT_BLANK,
          titleEn: NOT_BLANK,
          article: { type: 'string' },
          articleEn: { type: 'string' },
          text: { type: 'string' },
          textEn: { type: 'string' },
          sample: { type: 'boolean' },
        },
      },
    },
    promisedDays: { type: 'integer', minimum: DAYS.min, maximum: DAYS.max },
    statutoryDays: { type: 'integer', minimum: DAYS.min, maximum: DAYS.max },
    conditions: { type: 'array', items: NOT_BLANK },
    conditionsEn: { type: 'array', items: NOT_BLANK },
    materials: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'required'],
        properties: {
          code: { type: 'string', pattern: CODE_PATTERNS.material },
          required: { type: 'boolean' },
          note: { type: 'string', nullable: true },
          commitment: { type: 'boolean', nullable: true },
          when: { type: 'object', nullable: true, required: [], additionalProperties: { type: ['boolean', 'string'] } },
        },
      },
    },
    fees: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'nameEn', 'amountCents', 'basis', 'basisEn'],
        properties: {
          name: NOT_BLANK,
          nameEn: NOT_BLANK,
          amountCents: { type: 'integer', minimum: 0 },
          basis: { type: 'string' },
          basisEn: { type: 'string' },
        },
      },
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind'],
        properties: {
          name: { type: 'string' },
          nameEn: { type: 'string', nullable: true },
          kind: { type: 'string', enum: RESULT_KINDS },
          material: { type: 'string', pattern: CODE_PATTERNS.material, nullable: true },
        },
      },
    },
    place: NOT_BLANK,
    placeEn: NOT_BLANK,
    phone: { type: 'string' },
    channels: { type: 'array', minItems: 1, items: { type: 'string', enum: CHANNELS } },
    onlineDepth: { type: 'integer', enum: [...ONLINE_DEPTHS] } as never,
    situations: { type: 'array', nullable: true, items: questionSchema as never },
    stepDays: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'integer', minimum: STEP_DAYS.min, maximum: STEP_DAYS.max } },
    stepFields: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'array', items: { type: 'string' } } },
    levels: { type: 'array', nullable: true, minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...REGION_LEVELS] } },
    instantApproval: instantApprovalSchema as never,
    payout: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['amountCents', 'purpose', 'purposeEn'],
      properties: {
        amountCents: { type: 'integer', minimum: 1, maximum: 100_000_000 },
        purpose: { type: 'string', minLength: 2, maxLength: 32 },
        purposeEn: { type: 'string', minLength: 2, maxLength: 64 },
      },
    } as never,
  },
};

export const catalogMaterialsSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'name', 'nameEn', 'formats', 'eLicense', 'tolerable'],
    properties: {
      code: { type: 'string', pattern: CODE_PATTERNS.material },
      name: { type: 'string', minLength: NAME_LENGTH.min },
      nameEn: { type: 'string', minLength: NAME_LENGTH.min },
      formats: { type: 'array', minItems: 1, items: { type: 'string', enum: FILE_FORMATS } },
      eLicense: { type: ['string', 'null'] },
      tolerable: { type: 'boolean' },
      description: { type: 'string' },
      applicationForm: { type: 'boolean' },
      agentAuthorization: { type: 'boolean' },
    },
  },
} as const;
