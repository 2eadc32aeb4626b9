import { get, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { BundleDefinition } from '../../../contract/catalog/bundle.ts';
import type { ItemFile, ItemType, ResultKind } from '../../../contract/catalog/item.ts';
import type { ChoiceOption, Question, QuestionType } from '../../../contract/catalog/questions.ts';
import type { Channel } from '../../../contract/channels.ts';

/**
 * The catalog editor's API (server/catalog/catalog-editor.ts, catalog-editing.ts): items and
 * bundles read in the shape PUT takes back (item.json, bundle.json), the material catalog, the
 * closed lists the server checks against, the deployed item processes. The shapes the server and
 * the web app share (item.json, bundle.json, the material catalog, questions) are the contract's
 * (contract/catalog/); the types here are the editor's own views and the editor-only answers.
 */

/** A question as the editor holds it while it is edited: its type may change, a choice's options kept meanwhile. */
export type EditedQuestion = Pick<Question, 'code' | 'text' | 'textEn'> & { type: QuestionType; options?: ChoiceOption[] };

/** The question as it is saved (contract/catalog/questions.ts): a yes/no question has no options. Its keys keep their order. */
export function savedQuestion(q: EditedQuestion): Question {
  if (q.type === 'choice') return { ...q, type: 'choice', options: q.options ?? [] };
  const copy = { ...q, type: 'boolean' as const };
  delete copy.options;
  return copy;
}

/** item.json as the item editor holds it: the contract's ItemFile, its 办理情形 being edited. */
export type EditedItem = Omit<ItemFile, 'situations'> & { situations?: EditedQuestion[] };

/** bundle.json as the bundle editor holds it: the contract's BundleDefinition, its 情形问答 being edited. */
export type EditedBundle = Omit<BundleDefinition, 'questionnaire'> & { questionnaire: EditedQuestion[] };

export interface EditableItem {
  code: string;
  version: number;
  source: 'file' | 'editor';
  editedBy: number | null;
  savedAt: string;
  definition: ItemFile;
  formSchema: Record<string, unknown>;
}

export type ItemListEntry = Answer<'/catalog/items', 'get'>['items'][number];

export type BundleListEntry = Answer<'/bundles', 'get'>['bundles'][number];

/** GET /catalog/editor-options: the closed lists an item chooses from (the departments' names localised). */
export interface EditorOptions {
  departments: { code: string; name: string }[];
  itemTypes: ItemType[];
  channels: Channel[];
  resultKinds: ResultKind[];
}

export type DeployedProcess = Answer<'/modeler/processes', 'get'>['processes'][number];

export type SavedVersion = Answer<'/items/{code}', 'put'>;

const path = (code: string) => encodeURIComponent(code);

export const catalogApi = {
  options: () => get<EditorOptions>('/catalog/editor-options'),
  materials: () => get<Answer<'/catalog/materials', 'get'>>('/catalog/materials'),
  items: (processKey?: string) => get<Answer<'/catalog/items', 'get'>>('/catalog/items', { processKey }),
  item: (code: string) => get<EditableItem>(`/catalog/items/${path(code)}`),
  /** baseVersion: the version the editor read (0: a new item); a later one saved meanwhile is a 409 */
  saveItem: (code: string, body: { definition: ItemFile; formSchema: Record<string, unknown> }, baseVersion: number) =>
    put<Answer<'/items/{code}', 'put'>>(`/items/${path(code)}?baseVersion=${baseVersion}`, body),
  bundles: () => get<Answer<'/bundles', 'get'>>('/bundles'),
  bundle: (code: string) => get<{ code: string; version: number; definition: BundleDefinition }>(`/catalog/bundles/${path(code)}`),
  saveBundle: (code: string, definition: BundleDefinition, baseVersion: number) =>
    put<Answer<'/bundles/{code}', 'put'>>(`/bundles/${path(code)}?baseVersion=${baseVersion}`, definition),
  processes: () => get<Answer<'/modeler/processes', 'get'>>('/modeler/processes', { prefix: 'item_' }),
  /** the user tasks of a process's newest deployed version (stepDays are set per user task) */
  async userTasks(processKey: string, version: number): Promise<{ id: string; name: string }[]> {
    const { xml } = await get<Answer<'/modeler/processes/{key}/versions/{version}/xml', 'get'>>(
      `/modeler/processes/${path(processKey)}/versions/${version}/xml`,
    );
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'userTask')].map((e) => ({
      id: e.getAttribute('id') ?? '',
      name: e.getAttribute('name') ?? '',
    }));
  },
};
