import { itemFormSaveSchema } from './item-forms.service.ts';
import { always, answer, bearer, clean, codeParam, error, idParam, json, nullable, type Paths } from '../openapi/helpers.ts';

const formJs = {
  type: 'object',
  required: ['components'],
  description: 'a Camunda Form (form-js schema): type "default", components with key, label, type, validate',
  properties: { type: { const: 'default' }, id: { type: 'string' }, components: { type: 'array', items: { type: 'object' } } },
};
const savedForm = always({
  code: { type: 'string' },
  version: { type: 'integer' },
  isNew: { type: 'boolean' },
  formId: { type: 'string' },
  deploymentId: { type: 'string' },
});

/** Item form paths of /api/v1 (server/forms). */
export function formPaths(): Paths {
  return {
    '/items/{code}/form': {
      get: {
        summary:
          "An item's form as a Camunda Form (form-js): the one saved in the form editor, else generated from its JSON schema; labels in the Accept-Language",
        parameters: codeParam,
        responses: {
          200: answer(
            'the form',
            always({
              code: { type: 'string' },
              version: { type: 'integer' },
              formId: { type: 'string' },
              source: { enum: ['editor', 'generated'] },
              locale: { enum: ['zh-CN', 'en'] },
              schema: formJs,
            }),
          ),
          404: error('no such item'),
          422: error("the item's JSON schema has a field form-js cannot show"),
        },
      },
      put: {
        summary:
          "Saves an item's form from the form editor (analysts, administrators): its JSON schema derived and checked like PUT /items/{code}, a new item version, the form deployed to the engine as Camunda Form form_<code>",
        security: bearer,
        parameters: codeParam,
        requestBody: { required: true, content: json(clean(itemFormSaveSchema)) },
        responses: {
          200: answer('no change: the current version', savedForm),
          201: answer('saved as a new item version', savedForm),
          401: error('not signed in'),
          403: error('not an analyst or administrator'),
          404: error('no such item'),
          422: error('a component with no JSON schema counterpart (named), or a check of the catalog save failed'),
        },
      },
    },
    '/tasks/{id}/form': {
      get: {
        summary:
          "A task's form with the case's data, read-only: the Camunda Form the user task links (camunda:formRef), else the item's form; fields the step may not see (stepFields) left out of form and data",
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer(
            'the form and data',
            always({
              taskId: { type: 'string' },
              caseNo: { type: 'string' },
              step: { type: 'string' },
              formId: nullable(),
              source: { enum: ['linked', 'editor', 'generated'] },
              schema: formJs,
              data: { type: 'object' },
            }),
          ),
          401: error('not signed in'),
          403: error('not staff'),
          404: error('no such task visible to the caller'),
        },
      },
    },
  };
}
