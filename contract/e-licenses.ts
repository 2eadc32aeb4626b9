/** 电子证照: a licence of the registry as the API shows it (server/e-licenses/e-license-view.ts) and the pages read it. */

/** Where a licence stands at a moment; revoked wins over expired, since it was ended on purpose. */
export const LICENSE_STATUS_CODES = ['in_force', 'revoked', 'expired', 'not_yet_valid'] as const;
export type LicenseStatus = (typeof LICENSE_STATUS_CODES)[number];

/** A licence with where it stands now; the holder's ID number (and a number that is one) masked. */
export interface LicenseView {
  id: number;
  type: string;
  number: string;
  name: string;
  holder: { idNo: string; name: string };
  data: Record<string, unknown>;
  validFrom: string;
  validUntil: string | null;
  status: LicenseStatus;
  statusLabel: string;
  revokedAt: string | null;
  revokedReason: string | null;
  /** administrators only */
  revokedBy?: string | null;
  issuedByCaseNo: string | null;
}
