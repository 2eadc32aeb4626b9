import { validationFailed, type FieldProblem } from '../errors/app-error.ts';

export interface Page {
  limit: number;
  offset: number;
}

/** limit (1–100, 20 by default) and offset (≥ 0) of a list, from the query string; 422 on anything else. */
export function pageQuery(query: Record<string, unknown>, problems: FieldProblem[] = []): Page {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({
        field: `query.${name}`,
        code: 'out_of_range',
        message: { 'zh-CN': `${name}：须为${min}到${max}之间的整数`, en: `${name}: must be an integer from ${min} to ${max}` },
      });
      return fallback;
    }
    return value;
  };
  const page = { limit: read('limit', 20, 1, 100), offset: read('offset', 0, 0, 1_000_000_000) };
  if (problems.length) throw validationFailed(problems);
  return page;
}
