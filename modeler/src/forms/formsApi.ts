import { get, put } from '../api/http.ts';

/** A Camunda Form (form-js schema) as the API gives and takes it. */
export interface FormJsSchema {
  type: 'default';
  id?: string;
  components: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface ItemForm {
  code: string;
  version: number;
  formId: string;
  source: 'editor' | 'generated';
  /** the language of the labels: a save sends it back */
  locale: 'zh-CN' | 'en';
  schema: FormJsSchema;
}

export interface TaskForm {
  taskId: string;
  caseNo: string;
  step: string;
  formId: string | null;
  source: 'linked' | 'editor' | 'generated';
  schema: FormJsSchema;
  data: Record<string, unknown>;
}

export interface SavedItemForm {
  code: string;
  version: number;
  isNew: boolean;
  formId: string;
  deploymentId: string;
}

/** Item forms (server/forms): labels come in the UI's language (http.ts sends Accept-Language). */
export const formsApi = {
  items: async () => (await get<{ items: { code: string; name: string; version: number; departmentCode: string }[] }>('/items')).items,
  itemForm: (code: string) => get<ItemForm>(`/items/${encodeURIComponent(code)}/form`),
  item: (code: string) => get<{ code: string; name: string; version: number }>(`/items/${encodeURIComponent(code)}`),
  saveItemForm: (code: string, schema: FormJsSchema, locale: ItemForm['locale']) =>
    put<SavedItemForm>(`/items/${encodeURIComponent(code)}/form`, { schema, locale }),
  taskForm: (taskId: string) => get<TaskForm>(`/tasks/${encodeURIComponent(taskId)}/form`),
};
