import type { RequestHandler } from 'express';
import { controlCharacterInAddress, malformedAddress, nulInField } from '../errors/app-error.ts';
import { hasControlCharacter, nulFieldOf } from '../../contract/validation/text.ts';

/**
 * The transport's checks, before any route reads the request: what no route of ours can mean is a
 * 400 with the reason in words, never a 500 from whatever chokes on it further in (the router's
 * decoding of parameters, the database, the engine).
 */

/** One piece of an address, decoded; undefined when its percent-encoding is malformed (%FF, %E4%B8, %G0). */
function decoded(piece: string): string | undefined {
  try {
    return decodeURIComponent(piece);
  } catch {
    return undefined;
  }
}

/**
 * The path and every name and value of the query must decode as UTF-8 and hold no control
 * character (NUL, line breaks, ESC …): a malformed encoding answers first, as the router would have
 * failed on it.
 */
export const refuseBadAddress: RequestHandler = (req, _res, next) => {
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = mark === -1 ? [] : url.slice(mark + 1).split(/[&=]/);
  let control = false;
  for (const piece of [path, ...query.map((p) => p.replaceAll('+', ' '))]) {
    const text = decoded(piece);
    if (text === undefined) return next(malformedAddress());
    if (hasControlCharacter(text)) control = true;
  }
  next(control ? controlCharacterInAddress() : undefined);
};

/** After a JSON body parser: a NUL in any string or key of the body is a 400 naming the field, before a route sees it. */
export const refuseNulInBody: RequestHandler = (req, _res, next) => {
  const field = req.body === undefined ? undefined : nulFieldOf(req.body);
  next(field ? nulInField(field) : undefined);
};
