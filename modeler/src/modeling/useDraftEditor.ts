import { computed, ref, shallowRef } from 'vue';
import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { ApiError } from '../api/http.ts';
import {
  modelerApi,
  type BpmnProblem,
  type Comparison,
  type DeployAnswer,
  type DraftDetail,
  type LintConfigAnswer,
  type ProcessVersion,
} from '../api/modeler.ts';
import { createModeler } from './createModeler.ts';
import { browserLintConfig } from './lint.ts';
import { securityFirst } from '../../../contract/bpmn/lint/security-first.ts';

/** One finding of the live lint (bpmn-js-bpmnlint), for the list beside the canvas. */
export interface LiveIssue {
  elementId: string;
  rule: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

interface Linting {
  setLinterConfig(config: unknown): void;
  toggle(active?: boolean): void;
}

const REFUSED_MARKER = 'deploy-refused';
const LINT_MARKERS = { error: 'lint-error', warn: 'lint-warning' } as const;

/**
 * The draft editor's state: the draft, the bpmn-js Modeler (created by mount()), the live lint's
 * findings (also markers on the elements), save with baseRevision (a 409 sets `stale`), deploy
 * (a 422 marks every refused element with its message), the deployed versions and a comparison.
 */
export function useDraftEditor(id: number, english: () => boolean) {
  const draft = ref<DraftDetail | null>(null);
  const modeler = shallowRef<Modeler | null>(null);
  const loading = ref(true);
  const busy = ref<'save' | 'deploy' | null>(null);
  const dirty = ref(false);
  const stale = ref(false);
  const issues = ref<LiveIssue[]>([]);
  const refused = ref<BpmnProblem[]>([]);
  const refusedMessage = ref('');
  const deployed = ref<DeployAnswer | null>(null);
  const versions = ref<ProcessVersion[]>([]);
  const comparison = ref<Comparison | null>(null);

  const errors = computed(() => issues.value.filter((i) => i.category === 'error' || i.category === 'rule-error'));
  const warnings = computed(() => issues.value.filter((i) => i.category === 'warn'));

  const service = <T>(name: string): T => modeler.value!.get<T>(name);

  function markIssues(): void {
    if (!modeler.value) return;
    const canvas = service<Canvas>('canvas');
    const registry = service<ElementRegistry>('elementRegistry');
    for (const element of registry.getAll()) {
      canvas.removeMarker(element.id, LINT_MARKERS.error);
      canvas.removeMarker(element.id, LINT_MARKERS.warn);
    }
    for (const issue of issues.value) {
      const marker = issue.category === 'warn' ? LINT_MARKERS.warn : issue.category === 'info' ? null : LINT_MARKERS.error;
      if (marker && registry.get(issue.elementId)) canvas.addMarker(issue.elementId, marker);
    }
  }

  function clearRefused(): void {
    if (!modeler.value) return;
    const canvas = service<Canvas>('canvas');
    for (const element of service<ElementRegistry>('elementRegistry').getAll()) canvas.removeMarker(element.id, REFUSED_MARKER);
    service<Overlays>('overlays').remove({ type: REFUSED_MARKER });
    refused.value = [];
    refusedMessage.value = '';
  }

  function markRefused(problems: BpmnProblem[]): void {
    clearRefused();
    refused.value = problems;
    if (!modeler.value) return;
    const canvas = service<Canvas>('canvas');
    const registry = service<ElementRegistry>('elementRegistry');
    const overlays = service<Overlays>('overlays');
    const byElement = new Map<string, BpmnProblem[]>();
    for (const p of problems)
      if (p.elementId && p.severity === 'error' && registry.get(p.elementId)) byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p]);
    for (const [elementId, list] of byElement) {
      canvas.addMarker(elementId, REFUSED_MARKER);
      const note = document.createElement('div');
      note.className = 'deploy-refused-note';
      note.setAttribute('data-element-id', elementId);
      note.setAttribute('role', 'note');
      note.textContent = list.map((p) => (english() ? p.en : p.message)).join('\n');
      overlays.add(elementId, REFUSED_MARKER, { position: { bottom: -6, left: 0 }, html: note });
    }
  }

  let setup: { container: HTMLElement; panel: HTMLElement; templates: unknown[]; lintConfig: LintConfigAnswer } | null = null;

  /** A Modeler in the UI's language showing the XML, linting as it changes. */
  async function build(xmlText: string): Promise<void> {
    const { container, panel, templates, lintConfig } = setup!;
    const m = createModeler({ container, panel, templates, chinese: !english() });
    modeler.value = m;
    const eventBus = m.get<EventBus>('eventBus');
    eventBus.on('linting.completed', (event: { issues: Record<string, { message: string; category: LiveIssue['category']; rule: string }[]> }) => {
      // the security rules' findings first, as the server lists a refusal
      issues.value = securityFirst(
        Object.entries(event.issues).flatMap(([elementId, list]) => list.map((i) => ({ elementId, rule: i.rule, message: i.message, category: i.category }))),
      );
      markIssues();
    });
    eventBus.on('commandStack.changed', () => {
      dirty.value = true;
    });
    const linting = m.get<Linting>('linting');
    linting.setLinterConfig(browserLintConfig(lintConfig, english));
    await m.importXML(xmlText);
    linting.toggle(true);
    m.get<Canvas>('canvas').zoom('fit-viewport', 'auto' as never);
  }

  async function mount(container: HTMLElement, panel: HTMLElement): Promise<void> {
    loading.value = true;
    try {
      const [detail, templates, lintConfig] = await Promise.all([modelerApi.draft(id), modelerApi.templates(), modelerApi.lintConfig()]);
      draft.value = detail;
      setup = { container, panel, templates, lintConfig };
      await build(detail.xml);
      dirty.value = false;
      await loadVersions();
    } finally {
      loading.value = false;
    }
  }

  /** The same diagram, unsaved changes kept, in a Modeler labelled in the UI's (new) language. */
  async function relabel(): Promise<void> {
    if (!modeler.value || !setup) return;
    const wasDirty = dirty.value;
    const text = await xml();
    // the templates' names, labels and choices in the new language
    setup.templates = await modelerApi.templates();
    clearRefused();
    modeler.value.destroy();
    await build(text);
    dirty.value = wasDirty;
  }

  /** The deployed versions; a draft never deployed has none to ask for (the API answers 404). */
  async function loadVersions(deployedNow = false): Promise<void> {
    if (!draft.value || !(deployedNow || draft.value.deployments.length)) return;
    try {
      versions.value = (await modelerApi.versions(draft.value.processKey)).versions;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      versions.value = [];
    }
  }

  async function xml(): Promise<string> {
    const { xml: text } = await modeler.value!.saveXML({ format: true });
    return text!;
  }

  /** Saves a new revision on top of the one loaded; false when someone saved in between (409). */
  async function save(): Promise<boolean> {
    if (!draft.value || !modeler.value) return false;
    busy.value = 'save';
    try {
      const answer = await modelerApi.save(id, { xml: await xml(), baseRevision: draft.value.revision });
      draft.value = { ...draft.value, ...answer };
      dirty.value = false;
      stale.value = false;
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        stale.value = true;
        return false;
      }
      throw err;
    } finally {
      busy.value = null;
    }
  }

  /** Loads the latest revision (after a 409), dropping the changes here. */
  async function reload(): Promise<void> {
    const detail = await modelerApi.draft(id);
    draft.value = detail;
    clearRefused();
    await modeler.value!.importXML(detail.xml);
    dirty.value = false;
    stale.value = false;
  }

  /** Puts a deployed version's XML into the editor, unsaved: saving makes it the next revision. */
  async function restore(xmlText: string): Promise<void> {
    clearRefused();
    await modeler.value!.importXML(xmlText);
    dirty.value = true;
  }

  /** Saves when changed, then deploys; a refusal marks the offending elements. */
  async function deploy(): Promise<DeployAnswer | null> {
    if (!draft.value) return null;
    if (dirty.value && !(await save())) return null;
    busy.value = 'deploy';
    clearRefused();
    deployed.value = null;
    try {
      const answer = await modelerApi.deploy(id);
      deployed.value = answer;
      await loadVersions(true);
      return answer;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        // the refusal's details name the element in `field` (`xml`: the whole file) and the rule in `label`, in the UI's language
        markRefused(
          err.details.map((d) => ({
            elementId: d.field === 'xml' ? undefined : d.field,
            rule: d.label ?? '',
            message: d.message,
            en: d.message,
            severity: 'error' as const,
          })),
        );
        refusedMessage.value = err.message;
        return null;
      }
      throw err;
    } finally {
      busy.value = null;
    }
  }

  async function compare(version: number): Promise<void> {
    comparison.value = await modelerApi.compare(id, version);
  }

  function select(elementId: string): void {
    if (!modeler.value) return;
    const element = service<ElementRegistry>('elementRegistry').get(elementId);
    if (!element) return;
    service<Selection>('selection').select(element);
    service<Canvas>('canvas').scrollToElement(element as never);
  }

  function destroy(): void {
    modeler.value?.destroy();
    modeler.value = null;
  }

  return {
    draft,
    modeler,
    loading,
    busy,
    dirty,
    stale,
    issues,
    errors,
    warnings,
    refused,
    refusedMessage,
    deployed,
    versions,
    comparison,
    mount,
    relabel,
    save,
    reload,
    restore,
    deploy,
    compare,
    select,
    destroy,
  };
}
