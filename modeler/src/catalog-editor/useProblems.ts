import { computed, ref, type Ref } from 'vue';
import { ApiError } from '../api/http.ts';
import { placeOf, withoutPrefix, type FieldProblem } from './checks.ts';

/**
 * Problems of a save — the editor's own checks or the server's 422 — shown at their fields: each
 * at the deepest field on screen its path starts with, the rest above the form.
 */
export function useProblems(shownFields: Ref<Set<string>>) {
  const problems = ref<FieldProblem[]>([]);

  const placed = computed(() => {
    const at = new Map<string, string[]>();
    const general: string[] = [];
    for (const p of problems.value) {
      const place = placeOf(p.field, shownFields.value);
      if (place === null) general.push(p.message);
      else at.set(place, [...(at.get(place) ?? []), p.message]);
    }
    return { at, general: [...new Set(general)] };
  });

  return {
    problems,
    general: computed(() => placed.value.general),
    /** the messages at a field, joined (Element Plus's form item shows one error string) */
    at: (field: string) => [...new Set(placed.value.at.get(field) ?? [])].join('；'),
    clear: () => (problems.value = []),
    /** takes a 422's field problems (paths inside `prefix` made relative); true if it was one */
    fromServer(err: unknown, prefix = ''): boolean {
      if (!(err instanceof ApiError) || err.status !== 422) return false;
      const details = err.details.length ? err.details : [{ field: '', message: err.message }];
      problems.value = details.map((d) => ({ field: prefix ? withoutPrefix(d.field, prefix) : d.field === '/' ? '' : d.field, message: d.message }));
      return true;
    },
  };
}
