/**
 * 渠道: where a case comes in — online (web, mobile), at the window, at a kiosk, or filled in by a
 * clerk for the applicant (assisted). An item names the channels it takes; a case records its own.
 */
export const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'assisted'] as const;
export type Channel = (typeof CHANNELS)[number];
