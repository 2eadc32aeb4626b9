import { get, put } from '../api/http.ts';
import type { BundleDefinition } from '../../../contract/catalog/bundle.ts';
import type { CatalogMaterial, ItemFile, ItemType, ResultKind } from '../../../contract/catalog/item.ts';
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

export interface ItemListEntry {
  code: string;
  version: number;
  name: string;
  nameEn: string;
  departmentCode: string;
  processKey: string;
  promisedDays: number;
  statutoryDays: number;
}

export interface BundleListEntry {
  code: string;
  version: number;
  name: string;
  promisedDays: number;
  items: string[];
}

/** GET /catalog/editor-options: the closed lists an item chooses from (the departments' names localised). */
export interface EditorOptions {
  departments: { code: string; name: string }[];
  itemTypes: ItemType[];
  channels: Channel[];
  resultKinds: ResultKind[];
}

export interface DeployedProcess {
  key: string;
  name: string | null;
  version: number;
  processDefinitionId: string;
  platform: boolean;
  draftId: number | null;
}

export interface SavedVersion {
  code: string;
  version: number;
  isNew: boolean;
}

const path = (code: string) => encodeURIComponent(code);

export const catalogApi = {
  options: () => get<EditorOptions>('/catalog/editor-options'),
  materials: () => get<{ total: number; materials: CatalogMaterial[] }>('/catalog/materials'),
  items: (processKey?: string) => get<{ total: number; items: ItemListEntry[] }>('/catalog/items', { processKey }),
  item: (code: string) => get<EditableItem>(`/catalog/items/${path(code)}`),
  /** baseVersion: the version the editor read (0: a new item); a later one saved meanwhile is a 409 */
  saveItem: (code: string, body: { definition: ItemFile; formSchema: Record<string, unknown> }, baseVersion: number) =>
    put<SavedVersion>(`/items/${path(code)}?baseVersion=${baseVersion}`, body),
  bundles: () => get<{ total: number; bundles: BundleListEntry[] }>('/bundles'),
  bundle: (code: string) => get<{ code: string; version: number; definition: BundleDefinition }>(`/catalog/bundles/${path(code)}`),
  saveBundle: (code: string, definition: BundleDefinition, baseVersion: number) =>
    put<SavedVersion>(`/bundles/${path(code)}?baseVersion=${baseVersion}`, definition),
  processes: () => get<{ total: number; processes: DeployedProcess[] }>('/modeler/processes', { prefix: 'item_' }),
  /** the user tasks of a process's newest deployed version (stepDays are set per user task) */
  async userTasks(processKey: string, version: number): Promise<{ id: string; name: string }[]> {
    const { xml } = await get<{ xml: string }>(`/modeler/processes/${path(processKey)}/versions/${version}/xml`);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'userTask')].map((e) => ({
      id: e.getAttribute('id') ?? '',
      name: e.getAttribute('name') ?? '',
    }));
  },
};
