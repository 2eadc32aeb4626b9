import type { Localized } from '../locale.ts';
import { ONLINE_CHANNELS, type Channel } from '../channels.ts';

/**
 * 网办深度: how far an item can be done online, an element of every item (seed 000: 全程网办率 is
 * the share of items at level 4). The analyst sets it in the catalog; the catalog refuses a level
 * the item's channels cannot give.
 */
export const ONLINE_DEPTHS = [1, 2, 3, 4] as const;
export type OnlineDepth = (typeof ONLINE_DEPTHS)[number];

/** 四级网办深度: 全程网办, applied for, decided and delivered without a visit. */
export const FULLY_ONLINE_DEPTH: OnlineDepth = 4;

export const ONLINE_DEPTH_LABELS: Record<OnlineDepth, Localized> = {
  1: { 'zh-CN': '一级（网上办事指南）', en: 'Level 1 (guide online)' },
  2: { 'zh-CN': '二级（表格下载、在线预审）', en: 'Level 2 (forms online, pre-check)' },
  3: { 'zh-CN': '三级（网上申办，到现场领取或核验）', en: 'Level 3 (apply online, one visit)' },
  4: { 'zh-CN': '四级（全程网办，零跑动）', en: 'Level 4 (fully online, no visit)' },
};

/** What is wrong with an item's depth for its channels: level 3 and 4 need an online channel to apply through. */
export function onlineDepthProblem(item: { onlineDepth: number; channels: readonly Channel[] }): Localized | undefined {
  if (item.onlineDepth >= 3 && !item.channels.some((c) => ONLINE_CHANNELS.includes(c))) {
    return {
      'zh-CN': '网办深度为三级及以上的事项须可网上申办（办理渠道含网上办事大厅或移动端）',
      en: 'An item at online depth 3 or 4 must take online applications (the website or the mobile app among its channels)',
    };
  }
  return undefined;
}
