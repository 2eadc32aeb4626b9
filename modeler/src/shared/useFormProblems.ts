import { computed, onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type WatchStopHandle } from 'vue';
import loaders from 'virtual:request-checks';
import type { FormRequestName } from '../../../contract/requests/index.ts';
import type { Localized } from '../../../contract/locale.ts';
import type { FieldProblem } from '../../../contract/problems.ts';
import { ApiError } from '../api/http.ts';
import { appLocale } from '../i18n/index.ts';
import { placeOf, withoutPrefix } from './fieldPlaces.ts';

type RequestCheck = (body: unknown) => FieldProblem[];
const loaded = new Map<FormRequestName, RequestCheck>();

/**
 * A request's check (its schema and rules: requestChecks.ts), loaded the first time a page needs
 * it (`virtual:request-checks`, modeler/vite.config.ts) and kept.
 */
async function requestCheck(name: FormRequestName): Promise<RequestCheck> {
  let check = loaded.get(name);
  if (!check) {
    const load = loaders[name];
    if (!load) throw new Error(`no compiled check for the request ${name}`);
    check = await load();
    loaded.set(name, check);
  }
  return check;
}

/**
 * For a one-field prompt (ElMessageBox.prompt's inputValidator, which answers at once): loads the
 * request's check, then gives a validator that is true when the request built from the typed value
 * would pass the server's check, else the first problem in the page's language.
 */
export async function promptCheck(name: FormRequestName, bodyOf: (value: string) => unknown) {
  const checkRequest = await requestCheck(name);
  return (value: string): true | string => {
    const [first] = checkRequest(bodyOf(value ?? ''));
    return first ? first.message[appLocale.value] : true;
  };
}

/**
 * For a request the page builds itself rather than from fields a person types (a bundle's plan from
 * the answers given): refused before it is sent as the server would refuse it, as the server's 422
 * (validation_failed, its problems in the page's language), which the page's handling of the
 * server's answer then shows.
 */
export async function assertRequest(name: FormRequestName, body: unknown): Promise<void> {
  const problems = (await requestCheck(name))(body);
  if (!problems.length) return;
  const locale = appLocale.value;
  const details = problems.map((p) => ({ ...p, message: p.message[locale] }));
  throw new ApiError(422, 'validation_failed', VALIDATION_FAILED[locale], details);
}

/** The server's words for a request with problems (server/errors/messages.ts, validation_failed). */
const VALIDATION_FAILED: Localized = { 'zh-CN': '提交的内容有误，请按提示修改', en: 'The request has errors; please correct them' };

/** A problem the page found (in both languages, said in the page's) or the server answered (in the page's language then). */
export type ShownProblem = FieldProblem<string | Localized>;

/**
 * How a form's check goes beyond the request: `keep`, fields whose value is the server's own, sent
 * back unchanged (a masked phone), which only the server can judge; `also`, what the page checks
 * that the body cannot carry (the new password typed twice; the password policy for the signed-in
 * person's user name, which the server takes from the session).
 */
export interface CheckOptions<Body> {
  keep?: (body: Body) => readonly string[];
  also?: (body: Body) => ShownProblem[];
}

/**
 * The problems of a form, shown at its fields (`<el-form-item :error="problems.at('name')">`): the
 * page's own check before it sends — the server's schema and rules for the request, in the
 * server's words (`check`) — or the server's 422 (`fromServer`). Each is shown at the deepest
 * field on screen its path starts with (`shownFields`), the rest above the form (`general`).
 */
export function useFormProblems(shownFields: MaybeRefOrGetter<Iterable<string>>) {
  const problems = ref<ShownProblem[]>([]);
  let rechecking: WatchStopHandle | undefined;
  const stopRechecking = () => {
    rechecking?.();
    rechecking = undefined;
  };
  onScopeDispose(stopRechecking);

  const placed = computed(() => {
    const shown = new Set(toValue(shownFields));
    const at = new Map<string, string[]>();
    const general: string[] = [];
    for (const p of problems.value) {
      const message = typeof p.message === 'string' ? p.message : p.message[appLocale.value];
      const place = placeOf(p.field, shown);
      if (place === null) general.push(message);
      else at.set(place, [...(at.get(place) ?? []), message]);
    }
    return { at, general: [...new Set(general)] };
  });

  /** the request's problems now, without those at the fields `keep` names, and the page's own (`also`) */
  const problemsOf = <Body>(checkRequest: RequestCheck, body: Body, { keep, also }: CheckOptions<Body>): ShownProblem[] => {
    const kept = keep?.(body) ?? [];
    return [...checkRequest(body).filter((p) => !kept.includes(p.field)), ...(also?.(body) ?? [])];
  };

  return {
    problems,
    general: computed(() => placed.value.general),
    /** the messages at a field, joined (Element Plus's form item shows one error string) */
    at: (field: string) => [...new Set(placed.value.at.get(field) ?? [])].join('；'),
    clear: () => {
      stopRechecking();
      problems.value = [];
    },
    /**
     * Checks a request's body (`body()`: the form as it would be sent) as the server will, before
     * it is sent; true when it may be sent. When it may not, the form is checked again as it is
     * edited, so a problem put right goes away at once. `options`: CheckOptions (a function alone is
     * `keep`). The first check of a request loads it (a small chunk), hence the promise.
     */
    async check<Body>(name: FormRequestName, body: () => Body, options: CheckOptions<Body> | ((body: Body) => readonly string[]) = {}): Promise<boolean> {
      const checkRequest = await requestCheck(name);
      stopRechecking();
      const how = typeof options === 'function' ? { keep: options } : options;
      problems.value = problemsOf(checkRequest, body(), how);
      if (problems.value.length === 0) return true;
      // what `also` reads (a field the body does not carry) is watched too
      const now = () => ({ body: body(), also: how.also?.(body()) });
      rechecking = watch(now, ({ body: edited }) => void (problems.value = problemsOf(checkRequest, edited, how)), { deep: true });
      return false;
    },
    /** takes a 422's field problems (paths inside `prefix` made relative); true if it was one */
    fromServer(err: unknown, prefix = ''): boolean {
      if (!(err instanceof ApiError) || err.status !== 422) return false;
      stopRechecking();
      const details = err.details.length ? err.details : [{ field: '', message: err.message }];
      problems.value = details.map((d) => ({ field: prefix ? withoutPrefix(d.field, prefix) : d.field === '/' ? '' : d.field, message: d.message }));
      return true;
    },
  };
}
