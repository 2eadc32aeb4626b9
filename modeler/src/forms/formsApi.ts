import { get, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** A Camunda Form (form-js schema) as the API gives and takes it. */
export interface FormJsSchema {
  type: 'default';
  id?: string;
  components: Record<string, unknown>[];
  [key: string]: unknown;
}

/** An item's form (GET /items/{code}/form); locale: the language of the labels, which a save sends back. */
export type ItemForm = Omit<Answer<'/items/{code}/form', 'get'>, 'schema'> & { schema: FormJsSchema };

/** A task's form with the case's data (GET /tasks/{id}/form). */
export type TaskForm = Omit<Answer<'/tasks/{id}/form', 'get'>, 'schema'> & { schema: FormJsSchema };

export type SavedItemForm = Answer<'/items/{code}/form', 'put'>;

/** Item forms (server/forms): labels come in the UI's language (http.ts sends Accept-Language). */
export const formsApi = {
  items: async () => (await get<Answer<'/items', 'get'>>('/items')).items,
  itemForm: (code: string) => get<ItemForm>(`/items/${encodeURIComponent(code)}/form`),
  item: (code: string) => get<Answer<'/items/{code}', 'get'>>(`/items/${encodeURIComponent(code)}`),
  saveItemForm: (code: string, schema: FormJsSchema, locale: ItemForm['locale']) =>
    put<SavedItemForm>(`/items/${encodeURIComponent(code)}/form`, { schema, locale }),
  taskForm: (taskId: string) => get<TaskForm>(`/tasks/${encodeURIComponent(taskId)}/form`),
};
