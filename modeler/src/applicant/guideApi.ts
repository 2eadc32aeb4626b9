import { API_BASE, get } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** What a guide (办事指南) shows beside the catalog's elements: the process's diagram and the forms to download. */
export type GuideKind = 'item' | 'bundle';
export type ProcessDiagram = Answer<'/items/{code}/process-diagram', 'get'>;

const base = (kind: GuideKind, code: string) => `${API_BASE}/${kind === 'bundle' ? 'bundles' : 'items'}/${encodeURIComponent(code)}`;

export const guideApi = {
  /** the latest deployed version of the item's (or the bundle's) process, as BPMN XML */
  diagram: (kind: GuideKind, code: string) => get<ProcessDiagram>(`${base(kind, code).slice(API_BASE.length)}/process-diagram`),
  /** 空白表格 / 示例样表: a PDF the browser downloads (a public address: no token needed) */
  sheetUrl: (kind: GuideKind, code: string, sheet: 'blank' | 'sample', lang: string) =>
    `${base(kind, code)}/application-form?kind=${sheet}&lang=${lang === 'en' ? 'en' : 'zh-CN'}`,
};
