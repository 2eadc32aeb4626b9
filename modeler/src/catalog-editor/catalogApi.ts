import { get, put } from '../api/http.ts';

/**
 * The catalog editor's API (server/catalog/catalog-editor.ts, catalog-editing.ts): items and
 * bundles read in the shape PUT takes back (item.json, bundle.json), the material catalog, the
 * closed lists the server checks against, the deployed item processes.
 */

export type Answers = Record<string, boolean | string>;

export interface ChoiceOption {
  value: string;
  label: string;
  labelEn: string;
}

/** 办理情形 of an item, 情形问答 of a bundle: the same question shape. */
export interface Question {
  code: string;
  text: string;
  textEn: string;
  type: 'boolean' | 'choice';
  options?: ChoiceOption[];
}

export interface MaterialRef {
  code: string;
  required: boolean;
  note?: string;
  commitment?: boolean;
  when?: Answers;
}

export interface LegalBasis {
  title: string;
  article: string;
  text: string;
  sample: boolean;
}

export interface Fee {
  name: string;
  amountCents: number;
  basis: string;
}

export type ResultKind = 'license' | 'decision' | 'notice';

export interface ItemResult {
  name: string;
  kind: ResultKind;
  material?: string;
}

/** item.json: the 12 elements and the rest, materials as catalog references. */
export interface ItemFile {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  departmentCode: string;
  processKey: string;
  legalBasis: LegalBasis[];
  promisedDays: number;
  statutoryDays: number;
  conditions: string[];
  materials: MaterialRef[];
  fees: Fee[];
  results: ItemResult[];
  place: string;
  phone: string;
  channels: string[];
  situations?: Question[];
  stepDays?: Record<string, number>;
  stepFields?: Record<string, string[]>;
}

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

export interface BundleFile {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  promisedDays: number;
  onItemRejected: 'refuse_bundle' | 'continue';
  questionnaire: Question[];
  items: { code: string; when: Answers | null }[];
}

export interface BundleListEntry {
  code: string;
  version: number;
  name: string;
  promisedDays: number;
  items: string[];
}

export interface CatalogMaterial {
  code: string;
  name: string;
  nameEn: string;
  formats: string[];
  eLicense: string | null;
  tolerable: boolean;
  description?: string;
}

export interface EditorOptions {
  departments: { code: string; name: string }[];
  itemTypes: string[];
  channels: string[];
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
  bundle: (code: string) => get<{ code: string; version: number; definition: BundleFile }>(`/catalog/bundles/${path(code)}`),
  saveBundle: (code: string, definition: BundleFile, baseVersion: number) => put<SavedVersion>(`/bundles/${path(code)}?baseVersion=${baseVersion}`, definition),
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
