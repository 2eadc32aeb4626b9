import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { EngineError } from '../engine/client.ts';
import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { accessibleTask, casesOfInstances } from '../inbox/index.ts';
import { targetOfCase } from '../cases/index.ts';
import { formFromJsonSchema, localizeForm, readOnlyForm } from './convert.ts';
import { formOfItemVersion } from './item-forms.service.ts';
import { personalFieldsOf } from '../../contract/catalog/personal.ts';
import { maskForm } from '../privacy/mask-form.ts';
import type { FormJsSchema, JsonObjectSchema } from './form-js-schema.ts';

/**
 * GET /tasks/{id}/form: the case's form as the task's holder sees it, read-only. The form is the
 * Camunda Form the user task links (camunda:formRef, as the engine deployed it), else the form of
 * the item version the case was submitted under (a bundle's own tasks: its merged form). A step
 * the item restricts (stepFields) sees only its fields: the others leave both form and data; a
 * personal field (ID number, phone, address) is masked unless the step names it. Who
 * may not act on the task is told it does not exist, as by the inbox's other task endpoints.
 */
export async function taskForm(ctx: AppContext, principal: Principal, taskId: string, locale: Locale) {
  const task = await accessibleTask(ctx.engine, principal, taskId);
  const c = (await casesOfInstances(ctx.engine, [task.processInstanceId])).get(task.processInstanceId);
  if (!c) throw notFound('task_not_found');
  const target = await targetOfCase(c);
  // an item case (also one of a bundle: its own part of the form) restricts by its item's steps
  const item = c.kind === 'item' ? target.items[0]! : undefined;
  const stepFields = item?.definition.stepFields?.[task.taskDefinitionKey];
  const visible = stepFields ? new Set(stepFields) : undefined;

  let form: FormJsSchema | undefined;
  let source: 'linked' | 'editor' | 'generated' = 'linked';
  if (task.formRef?.key) {
    try {
      form = await ctx.engine.deployedTaskForm<FormJsSchema>(task.id);
    } catch (err) {
      if (!(err instanceof EngineError && err.status === 404)) throw err;
      ctx.logger.warn({ taskId, formRef: task.formRef.key }, 'the task links a form that is not deployed: the item form is shown');
    }
  }
  if (!form) {
    const own = item
      ? await formOfItemVersion(item)
      : { form: formFromJsonSchema(target.formSchema as JsonObjectSchema, c.itemCode), source: 'generated' as const };
    form = own.form;
    source = own.source;
  }
  const shown = visible ? Object.fromEntries(Object.entries(c.form).filter(([name]) => visible.has(name))) : c.form;
  // 个人信息 in full only where the step names the field: the step needs it; masked elsewhere
  const data = maskForm(shown, personalFieldsOf(target.formSchema as { properties?: Record<string, object> }), visible);
  return {
    taskId: task.id,
    caseNo: c.caseNo,
    step: task.taskDefinitionKey,
    formId: form.id ?? null,
    source,
    schema: readOnlyForm(localizeForm(form, locale), visible),
    data,
  };
}
