/**
 * The parts of a Camunda Form (form-js schema, https://github.com/bpmn-io/form-js) that the
 * platform reads and writes. Unknown keys of a component are kept as they are (layout, ids).
 */
export interface FormJsValue {
  label: string;
  value: string | number | boolean;
}

export interface FormJsComponent {
  id?: string;
  type: string;
  key?: string;
  label?: string;
  /** datetime components label their date input with dateLabel */
  dateLabel?: string;
  description?: string;
  text?: string;
  subtype?: string;
  decimalDigits?: number;
  readonly?: boolean | string;
  disabled?: boolean;
  values?: FormJsValue[];
  valuesKey?: string;
  valuesExpression?: string;
  conditional?: unknown;
  components?: FormJsComponent[];
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    min?: number;
    max?: number;
    validationType?: string;
  };
  /** custom properties (the editor's 自定义属性): our x-title-en / title, format, x-options-en */
  properties?: Record<string, string>;
  layout?: { row?: string; columns?: number | null };
  [extra: string]: unknown;
}

export interface FormJsSchema {
  type: 'default';
  id?: string;
  schemaVersion?: number;
  components: FormJsComponent[];
  exporter?: { name: string; version: string };
  executionPlatform?: string;
  executionPlatformVersion?: string;
  [extra: string]: unknown;
}

/** The form-js schema version of @bpmn-io/form-js 1.23 (what its editor exports). */
export const FORM_JS_SCHEMA_VERSION = 19;

/** The Camunda Form id (the `id` a BPMN user task's camunda:formRef names) of an item's form. */
export const formIdOf = (itemCode: string): string => `form_${itemCode}`;

/** A JSON schema property as our item forms write them (processes/<item>/form.schema.json). */
export interface JsonSchemaProperty {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  /** 个人信息: id-number, phone or address (contract/catalog/personal.ts) */
  'x-personal'?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  [extra: string]: unknown;
}

export interface JsonObjectSchema {
  $schema?: string;
  title?: string;
  'x-title-en'?: string;
  type?: string;
  additionalProperties?: boolean;
  required?: string[];
  properties?: Record<string, JsonSchemaProperty>;
  [extra: string]: unknown;
}
