/**
 * A decision's key: the id of a DMN decision an analyst names (e.g. `instant_scjg_gt`), by which the
 * engine evaluates its latest version and an item's 秒批 or a 免申即享 policy names the decision it
 * runs. Written once: the schemas take the string, the server's routes, the deployment policy and the
 * decision editor the RegExp (compiled with the `u` flag, as ajv compiles a schema's `pattern`).
 */
export const DECISION_KEY_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]{0,63}$';
export const DECISION_KEY = new RegExp(DECISION_KEY_PATTERN, 'u');

/** A deployed decision's version in a query (`?version=3`): 1 … 999999. */
export const DECISION_VERSION_PATTERN = '^[1-9][0-9]{0,5}$';
export const DECISION_VERSION = new RegExp(DECISION_VERSION_PATTERN, 'u');
