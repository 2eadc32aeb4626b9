import type { formsZh } from './i18n.ts';

export const formsEn: typeof formsZh = {
  viewerNote: 'The application form of the case (read-only); fields this step may not see are left out.',
  linkedNote: 'Form linked to this step: {id}',
  loadFailed: 'The form could not be loaded',
  empty: 'This step has no form fields to see',
  listTitle: 'Item forms',
  listNote: "Edit each item's application form as a Camunda Form (form-js); a save makes a new item version and deploys the form for user tasks to link.",
  edit: 'Edit form',
  editorTitle: 'Item form editor',
  editorHelp:
    'Drag a component from the palette, or focus it and press Enter. Every field needs a Chinese label and an English title (custom property x-title-en); ID and phone formats use the custom property format (cn-id-card, cn-mobile, cn-credit-code); a home address or other personal field takes the custom property x-personal (address, phone, id-number), masked wherever shown and encrypted at rest.',
  version: 'Current version {version}',
  sourceEditor: 'Edited form',
  sourceGenerated: 'Generated from the form schema',
  save: 'Save and deploy',
  saving: 'Saving…',
  saved: 'Saved as version {version} and deployed as form {formId}',
  unchanged: 'No change: still version {version}',
  problems: 'Not saved. Please fix:',
  back: 'Back to process modelling',
  notFound: 'No such item',
};
