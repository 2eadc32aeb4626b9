import type { JSONSchemaType } from 'ajv';
import { CHANNELS, type Channel } from '../cases/case-status.ts';
import { questionSchema, type Condition, type Question } from './situations.ts';

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

/** An entry of the shared material catalog (材料目录, processes/catalog/materials.json). */
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

export interface LegalBasis {
  title: string;
  article: string;
  text: string;
  /** true where the text is a sample written for the demo, not the official wording */
  sample: boolean;
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
  conditions: string[];
  materials: MaterialRequirement[];
  fees: { name: string; amountCents: number; basis: string }[];
  /** what the item issues; `material`: the catalog material it produces (another item of a bundle need not ask for it) */
  results: { name: string; kind: 'license' | 'decision' | 'notice'; material?: string }[];
  place: string;
  phone: string;
  channels: Channel[];
  /** 办理情形: questions whose answers choose the materials (by their `when`) and the process's branches */
  situations?: Question[];
  /** working days each step of the process may take (by user task id), for its due date and colour */
  stepDays?: Record<string, number>;
  /** the form fields a step's holder sees (by user task id); a step not named sees every field */
  stepFields?: Record<string, string[]>;
}

export type ItemFile = Omit<ItemDefinition, 'materials'> & { materials: ItemMaterialRef[] };

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
    'materials',
    'fees',
    'results',
    'place',
    'phone',
    'channels',
  ],
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{1,62}$' },
    name: { type: 'string', minLength: 2, maxLength: 200 },
    nameEn: { type: 'string', minLength: 2, maxLength: 200 },
    type: { type: 'string', enum: ITEM_TYPES },
    departmentCode: { type: 'string', minLength: 2, maxLength: 32 },
    processKey: { type: 'string', pattern: '^item_[A-Za-z0-9_.-]{1,123}$' },
    legalBasis: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'article', 'text', 'sample'],
        properties: { title: { type: 'string' }, article: { type: 'string' }, text: { type: 'string' }, sample: { type: 'boolean' } },
      },
    },
    promisedDays: { type: 'integer', minimum: 0, maximum: 365 },
    statutoryDays: { type: 'integer', minimum: 0, maximum: 365 },
    conditions: { type: 'array', items: { type: 'string' } },
    materials: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'required'],
        properties: {
          code: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' },
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
        required: ['name', 'amountCents', 'basis'],
        properties: { name: { type: 'string' }, amountCents: { type: 'integer', minimum: 0 }, basis: { type: 'string' } },
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
          kind: { type: 'string', enum: ['license', 'decision', 'notice'] },
          material: { type: 'string', pattern: '^[a-z0-9-]{2,64}$', nullable: true },
        },
      },
    },
    place: { type: 'string' },
    phone: { type: 'string' },
    channels: { type: 'array', minItems: 1, items: { type: 'string', enum: CHANNELS } },
    situations: { type: 'array', nullable: true, items: questionSchema as never },
    stepDays: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'integer', minimum: 1, maximum: 60 } },
    stepFields: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
};

export const catalogMaterialsSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'name', 'nameEn', 'formats', 'eLicense', 'tolerable'],
    properties: {
      code: { type: 'string', pattern: '^[a-z0-9-]{2,64}$' },
      name: { type: 'string', minLength: 2 },
      nameEn: { type: 'string', minLength: 2 },
      formats: { type: 'array', minItems: 1, items: { type: 'string', enum: FILE_FORMATS } },
      eLicense: { type: ['string', 'null'] },
      tolerable: { type: 'boolean' },
      description: { type: 'string' },
    },
  },
} as const;
