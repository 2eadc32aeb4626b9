import type { Transaction } from 'sequelize';
import { Case } from './case.model.ts';
import type { Channel } from '../../contract/channels.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';
import { assertAnswers, itemVersion, type ItemVersion, latestItem, meets } from '../catalog/index.ts';
import {
  applicableItemCodes,
  asFiled,
  bundleVersion,
  type BundleVersion,
  type GeneratedMaterial,
  latestBundle,
  mergeForms,
  mergeMaterials,
} from '../catalog/index.ts';
import type { BundleDefinition } from '../../contract/catalog/bundle.ts';
import type { Answers } from '../../contract/catalog/questions.ts';
import { validationFailed, fieldProblem } from '../errors/app-error.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';
import type { CaseRecord } from './case-records.ts';

/** 一件事 cases are accepted by the government service centre's comprehensive window (综合窗口). */
export const BUNDLE_DEPARTMENT = 'center';

/**
 * What a case applies for, as intake and acceptance check it: one item, or a bundle's applicable
 * items with their merged form (一表申请) and deduplicated materials (一套材料).
 */
export interface SubmissionTarget {
  kind: 'item' | 'bundle';
  code: string;
  version: number;
  name: string;
  /** the name pages in English show */
  nameEn: string;
  departmentCode: string;
  processKey: string;
  formSchema: Record<string, unknown>;
  materials: MaterialRequirement[];
  /** 一表申请: a bundle's application forms of its items, generated from the merged form, never handed in (none for an item) */
  generatedMaterials: GeneratedMaterial[];
  channels: Channel[];
  /** the items applied for: the item itself, or the bundle's items the answers chose */
  items: ItemVersion[];
  answers: Answers | null;
  /** a bundle's rule for one refused item */
  onItemRejected: BundleDefinition['onItemRejected'] | null;
  promisedDays: number;
  statutoryDays: number;
}

function ofItem(plain: ItemVersion, answers: Answers | null, byAgent: boolean): SubmissionTarget {
  const [item] = asFiled([plain], byAgent) as [ItemVersion];
  return {
    kind: 'item',
    code: item.code,
    version: item.version,
    name: item.name,
    nameEn: item.definition.nameEn,
    departmentCode: item.departmentCode,
    processKey: item.processKey,
    formSchema: item.formSchema,
    // 办理情形: the materials the applicant's situation calls for
    materials: item.definition.materials.filter((m) => meets(m.when, answers ?? {})),
    generatedMaterials: [],
    channels: item.definition.channels,
    items: [item],
    answers,
    onItemRejected: null,
    promisedDays: item.definition.promisedDays,
    statutoryDays: item.definition.statutoryDays,
  };
}

function ofBundle(bundle: BundleVersion, plain: ItemVersion[], answers: Answers, byAgent: boolean): SubmissionTarget {
  const d = bundle.definition;
  const items = asFiled(plain, byAgent);
  const merged = mergeMaterials(items, answers);
  return {
    kind: 'bundle',
    code: bundle.code,
    version: bundle.version,
    name: d.name,
    nameEn: d.nameEn,
    departmentCode: BUNDLE_DEPARTMENT,
    processKey: PROCESS_KEYS.bundle,
    formSchema: mergeForms(items).schema,
    materials: merged.materials,
    generatedMaterials: merged.generated,
    channels: items.reduce<Channel[]>((common, i, n) => (n === 0 ? [...i.definition.channels] : common.filter((c) => i.definition.channels.includes(c))), []),
    items,
    answers,
    onItemRejected: d.onItemRejected,
    promisedDays: d.promisedDays,
    // the bundle is decided when its slowest item must be
    statutoryDays: Math.max(...items.map((i) => i.definition.statutoryDays)),
  };
}

/** The target of a new submission: the latest version of the item, or of the bundle with the items the answers choose. */
export async function targetOfSubmission(request: { itemCode?: string; bundleCode?: string; answers?: unknown; agent?: unknown }): Promise<SubmissionTarget> {
  const byAgent = Boolean(request.agent);
  if (Boolean(request.itemCode) === Boolean(request.bundleCode)) {
    throw validationFailed([fieldProblem('itemCode', '事项编码：须填写事项编码或一件事编码之一', 'itemCode: give either an item code or a bundle code')]);
  }
  if (request.itemCode) {
    const item = await latestItem(request.itemCode);
    if (!item) throw validationFailed([fieldProblem('itemCode', `事项编码：事项“${request.itemCode}”不存在`, `itemCode: no item "${request.itemCode}"`)]);
    const situations = item.definition.situations ?? [];
    if (situations.length === 0) {
      if (request.answers !== undefined)
        throw validationFailed([fieldProblem('answers', '情形问答：本事项没有需要回答的办理情形', 'answers: this item asks no questions')]);
      return ofItem(item, null, byAgent);
    }
    return ofItem(item, assertAnswers(situations, request.answers ?? {}), byAgent);
  }
  const bundle = await latestBundle(request.bundleCode!);
  if (!bundle)
    throw validationFailed([fieldProblem('bundleCode', `一件事编码：一件事“${request.bundleCode}”不存在`, `bundleCode: no bundle "${request.bundleCode}"`)]);
  const codes = applicableItemCodes(bundle.definition, request.answers ?? {});
  if (codes.length === 0)
    throw validationFailed([fieldProblem('answers', '情形问答：按您的回答无需办理任何事项', 'answers: with these answers no item applies')]);
  const items = await Promise.all(codes.map(async (code) => (await latestItem(code))!));
  return ofBundle(bundle, items, request.answers as Answers, byAgent);
}

/** The target a stored case was submitted under: exactly those versions, never the latest. */
export async function targetOfCase(
  c: Pick<CaseRecord, 'id' | 'kind' | 'itemCode' | 'itemVersion' | 'caseNo' | 'parentCaseId' | 'answers' | 'agent'>,
  transaction?: Transaction,
): Promise<SubmissionTarget> {
  if (c.kind === 'item') {
    const item = await itemVersion(c.itemCode, c.itemVersion);
    if (!item) throw new Error(`item ${c.itemCode} v${c.itemVersion} of case ${c.caseNo} is missing from the catalog`);
    // an item case of a bundle meets its situations with the bundle's answers, and was filed as the bundle was
    const parent = c.parentCaseId ? await Case.findByPk(c.parentCaseId, { transaction }) : null;
    const filed = parent ?? c;
    return ofItem(item, (filed.answers ?? null) as Answers | null, Boolean(filed.agent));
  }
  const bundle = await bundleVersion(c.itemCode, c.itemVersion);
  if (!bundle) throw new Error(`bundle ${c.itemCode} v${c.itemVersion} of case ${c.caseNo} is missing from the catalog`);
  const children = await Case.findAll({ where: { parentCaseId: c.id }, order: [['caseNo', 'ASC']], transaction });
  const items = await Promise.all(
    children.map(async (child) => {
      const item = await itemVersion(child.itemCode, child.itemVersion);
      if (!item) throw new Error(`item ${child.itemCode} v${child.itemVersion} of case ${child.caseNo} is missing from the catalog`);
      return item;
    }),
  );
  return ofBundle(bundle, items, (c.answers ?? {}) as Answers, Boolean(c.agent));
}
