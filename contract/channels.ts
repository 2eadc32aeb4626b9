import type { Localized } from './locale.ts';

/**
 * 渠道: where a case comes in — online (web, mobile), at the window, at a kiosk, or filled in by a
 * clerk for the applicant (assisted). An item names the channels it takes; a case records its own.
 */
export const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'assisted', 'proactive'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * 免申即享: a case the platform opened itself from a policy (server/proactive), accepted by the person
 * with one click or granted directly. No item lists it among the channels it takes, no one submits
 * through it: the platform alone does.
 */
export const PROACTIVE_CHANNEL: Channel = 'proactive';

/** The channels an item takes applications through (the catalog editor offers these). */
export const APPLICATION_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'proactive');

/** The online channels: the applicant's own pages, where a signed-in person may also apply for someone else (委托代理). */
export const ONLINE_CHANNELS: readonly Channel[] = ['web', 'mobile'];

/** The channels where an agent files a case for the applicant: 委托代理 online, 帮办代办. */
export const AGENT_CHANNELS: readonly Channel[] = [...ONLINE_CHANNELS, 'assisted'];

/** A channel as a person reads it (监管 pages, reports). */
export const CHANNEL_LABELS: Record<Channel, Localized> = {
  web: { 'zh-CN': '网上办事大厅', en: 'Website' },
  mobile: { 'zh-CN': '移动端', en: 'Mobile app' },
  window: { 'zh-CN': '窗口', en: 'Service window' },
  kiosk: { 'zh-CN': '自助终端', en: 'Self-service kiosk' },
  assisted: { 'zh-CN': '帮办代办', en: 'Assisted' },
  proactive: { 'zh-CN': '免申即享', en: 'Proactive (no application)' },
};
