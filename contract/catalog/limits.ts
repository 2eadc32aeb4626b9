/**
 * The catalog's limits, each written once: the JSON schemas (item.ts, bundle.ts, questions.ts)
 * take them, and the web app's checks.
 */

/** An item's name and English name (a bundle's and a material's names: the same minimum, no maximum). */
export const NAME_LENGTH = { min: 2, max: 200 } as const;

/** 承诺 / 法定办结时限 of an item, 承诺时限 of a bundle, in working days. */
export const DAYS = { min: 0, max: 365 } as const;

/** The working days one step of an item's process may take (stepDays). */
export const STEP_DAYS = { min: 1, max: 60 } as const;

/** An item's department code. */
export const DEPARTMENT_CODE_LENGTH = { min: 2, max: 32 } as const;

/** A choice question offers at least this many options. */
export const MIN_CHOICE_OPTIONS = 2;

/** A bundle (一件事) joins at least this many items. */
export const MIN_BUNDLE_ITEMS = 2;
