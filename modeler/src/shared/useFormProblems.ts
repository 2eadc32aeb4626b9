import { computed, onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type WatchStopHandle } from 'vue';
import compiled from 'virtual:request-checks';
import type { FormRequestName } from '../../../contract/requests/index.ts';
import type { Localized } from '../../../contract/locale.ts';
import type { FieldProblem } from '../../../contract/problems.ts';
import type { CompiledSchema } from '../../../contract/validation/check.ts';
import { ApiError } from '../api/http.ts';
import { appLocale } from '../i18n/index.ts';
import { placeOf, requestChecker, withoutPrefix } from './requestChecks.ts';

const checkRequest = requestChecker(compiled as Record<string, CompiledSchema>);

/**
 * For a one-field prompt (ElMessageBox.prompt's inputValidator): true when the request built from
 * the typed value would pass the server's check, else the first problem in the page's language.
 */
export function promptCheck(name: FormRequestName, bodyOf: (value: string) => unknown) {
  return (value: string): true | string => {
    const [first] = checkRequest(name, bodyOf(value ?? ''));
    return first ? first.message[appLocale.value] : true;
  };
}

/** A problem the page found (in both languages, said in the page's) or the server answered (in the page's language then). */
type ShownProblem = FieldProblem<string | Localized>;

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

  /** the request's problems now, without those at the fields `keep` names */
  const problemsOf = <Body>(name: FormRequestName, body: Body, keep?: (body: Body) => readonly string[]) => {
    const kept = keep?.(body) ?? [];
    return checkRequest(name, body).filter((p) => !kept.includes(p.field));
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
     * edited, so a problem put right goes away at once. `keep`: fields whose value is the server's
     * own, sent back unchanged (a masked phone), which only the server can judge.
     */
    check<Body>(name: FormRequestName, body: () => Body, keep?: (body: Body) => readonly string[]): boolean {
      stopRechecking();
      problems.value = problemsOf(name, body(), keep);
      if (problems.value.length === 0) return true;
      rechecking = watch(body, (edited) => void (problems.value = problemsOf(name, edited, keep)), { deep: true });
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
