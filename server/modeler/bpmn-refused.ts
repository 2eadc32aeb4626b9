import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors/app-error.ts';
import { ERROR_MESSAGES } from '../errors/messages.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import type { Problem } from './problems.ts';

/** A BPMN or DMN file refused (on save, try or deploy), with every problem so the UI can mark the elements. */
export class BpmnRefused extends AppError {
  constructor(
    code: 'bpmn_unreadable' | 'bpmn_refused' | 'dmn_unreadable' | 'dmn_refused',
    readonly problems: Problem[],
  ) {
    super(
      422,
      code,
      problems.filter((p) => p.severity === 'error').map((p) => ({ field: p.elementId ?? 'xml', label: p.rule, message: { 'zh-CN': p.message, en: p.en } })),
    );
  }
}

/**
 * The usual error body ({error: {code, message, details}}: details name the element in `field`
 * and the rule in `label`) plus `problems`, all findings in both languages with their severity.
 */
export const bpmnRefusedHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof BpmnRefused)) return next(err);
  const locale = negotiateLocale(req.headers['accept-language']);
  res.status(422).json({
    error: {
      code: err.code,
      message: ERROR_MESSAGES[err.code][locale],
      details: err.details.map((d) => ({ field: d.field, label: d.label, message: d.message[locale] })),
    },
    problems: err.problems,
  });
};
