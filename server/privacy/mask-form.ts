import { isMaskedEcho, maskPersonal, type PersonalKind } from '../../contract/catalog/personal.ts';
import { isValidMobile } from '../../contract/validation/id-numbers.ts';

/**
 * A form's values as a viewer sees them: each personal field (contract/catalog/personal.ts) masked
 * unless `needed` names it (the viewer's step lists it in its stepFields).
 */
export function maskForm(form: Record<string, unknown>, personal: Map<string, PersonalKind>, needed: ReadonlySet<string> = new Set()): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => {
      const kind = personal.get(name);
      return [name, kind && typeof value === 'string' && !needed.has(name) ? maskPersonal(kind, value) : value];
    }),
  );
}

/**
 * A form sent back as it was shown: each personal field whose value is the masked form of the
 * value the platform already holds for it (`known`) gets that value back, so that a form shown
 * masked can be submitted unchanged; anything else is what the sender typed.
 */
export function restoreMaskedEchoes(
  form: Record<string, unknown>,
  known: Record<string, unknown>,
  personal: Map<string, PersonalKind>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(form).map(([name, value]) => {
      const kind = personal.get(name);
      return [name, kind && isMaskedEcho(kind, value, known[name]) ? known[name] : value];
    }),
  );
}

const WHOLE_ID_NUMBER = /^\d{17}[\dXx]$/;

/**
 * Values of data that carry no schema (an e-license's data): those that are a whole resident ID
 * number or mobile number are masked like a marked field.
 */
export function maskUnmarked(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      if (WHOLE_ID_NUMBER.test(value)) return [name, maskPersonal('id-number', value)];
      return [name, isValidMobile(value) ? maskPersonal('phone', value) : value];
    }),
  );
}
