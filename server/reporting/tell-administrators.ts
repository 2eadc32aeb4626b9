import { activeAccounts } from '../auth/index.ts';
import { notify } from '../notifications/index.ts';
import type { Localized } from '../i18n/locale.ts';

/** 办件数据汇聚 tells the system administrators what needs them (new dead letters, a reconciliation that does not match). */
export async function tellAdministrators(kind: 'province_dead_letters' | 'province_mismatch', text: Localized): Promise<void> {
  const admins = (await activeAccounts()).filter((a) => a.roles.includes('admin'));
  await notify(
    admins.map((a) => a.id),
    kind,
    text,
    null,
    null,
  );
}
