import type EventBus from 'diagram-js/lib/core/EventBus';
import { chineseTranslate } from './translations.ts';

/**
 * The properties panel's own buttons in Chinese: bpmn-js-properties-panel does not hand its
 * translate service to @bpmn-io/properties-panel, whose widgets (a group's toggle and its edit and
 * error marks, a list's add, toggle and delete buttons, the pop-up editor) then title themselves
 * in English. Their titles and labels are put into Chinese as they appear, with the same table.
 */
const LIST_COUNT = /^List contains (\d+) items?$/;
const ATTRIBUTES = ['title', 'aria-label'] as const;

function inChinese(text: string): string | undefined {
  const count = LIST_COUNT.exec(text);
  if (count) return `列表有 ${count[1]} 项`;
  const zh = chineseTranslate(text);
  return zh !== text ? zh : undefined;
}

function retitle(root: HTMLElement): void {
  for (const attribute of ATTRIBUTES) {
    for (const element of root.querySelectorAll<HTMLElement>(`[${attribute}]`)) {
      const zh = inChinese(element.getAttribute(attribute)!);
      if (zh) element.setAttribute(attribute, zh);
    }
  }
}

function PanelTitles(config: { parent?: HTMLElement } | undefined, eventBus: EventBus) {
  const parent = config?.parent;
  if (!parent) return;
  // a title changed here is no English title any more: the observer's own changes end with it
  const observer = new MutationObserver(() => retitle(parent));
  observer.observe(parent, { subtree: true, childList: true, attributes: true, attributeFilter: [...ATTRIBUTES] });
  eventBus.on('diagram.destroy', () => observer.disconnect());
}
PanelTitles.$inject = ['config.propertiesPanel', 'eventBus'];

export const PanelTitlesModule = { __init__: ['panelTitles'], panelTitles: ['type', PanelTitles] };
