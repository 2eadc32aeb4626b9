/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/**
 * The contract's form requests' checks, compiled at build time (modeler/vite.config.ts): by request
 * name, a loader of its check (its schema and rules, in both languages: requestChecks.ts).
 */
declare module 'virtual:request-checks' {
  import type { FieldProblem } from '../../contract/problems.ts';
  const loaders: Record<string, () => Promise<(body: unknown) => FieldProblem[]>>;
  export default loaders;
}
