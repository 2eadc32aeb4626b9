// Hand-written types for the parts of bpmn-moddle and bpmnlint we use (neither ships them for
// these entry points).

declare module 'bpmn-moddle' {
  import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';

  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: string;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
    references: { element: ModdleElement; property: string; id: string }[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    getPackages(): { prefix: string; uri: string }[];
  }
}

declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    path?: string[];
    en?: string;
    [key: string]: unknown;
  }

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }

  export class Linter {
    constructor(options: { config?: unknown; resolver: Resolver });
    lint(root: unknown, config?: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/node-resolver.js' {
  import type { Resolver } from 'bpmnlint';

  export default class NodeResolver implements Resolver {
    constructor(options?: { require?: NodeJS.Require; requireLocal?: NodeJS.Require });
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }
}

declare module 'bpmnlint/lib/resolver/static-resolver.js' {
  import type { Resolver } from 'bpmnlint';

  export default class StaticResolver implements Resolver {
    constructor(cache: Record<string, unknown>);
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }
}

declare module 'dmn-moddle' {
  import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  }
}
