/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/**
 * The contract's form requests' schemas, compiled at build time (modeler/vite.config.ts), by
 * request name: ajv validate functions (contract/validation/check.ts CompiledSchema).
 */
declare module 'virtual:request-checks' {
  const compiled: Record<string, { (data: unknown): boolean; errors?: unknown }>;
  export default compiled;
}
