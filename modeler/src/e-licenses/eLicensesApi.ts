import { post } from '../api/http.ts';

export type LicenseStatus = 'in_force' | 'revoked' | 'expired' | 'not_yet_valid';
export const LICENSE_STATUSES: LicenseStatus[] = ['in_force', 'revoked', 'expired', 'not_yet_valid'];

/** A licence of the registry with where it stands now (server/e-licenses/e-license-view.ts); the holder's ID number masked. */
export interface ELicense {
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
  revokedBy?: string | null;
  issuedByCaseNo: string | null;
}

export interface LicenseFilter {
  /** the holder's ID number: in the body, never in a URL */
  holderIdNo?: string;
  type?: string;
  status?: LicenseStatus;
}

/** 电子证照库 (server/e-licenses/): the system administrator finds licences and revokes them. */
export const eLicensesApi = {
  search: (filter: LicenseFilter, page: number, size: number) =>
    post<{ total: number; limit: number; offset: number; licenses: ELicense[] }>('/e-licenses/search', {
      ...filter,
      limit: size,
      offset: (page - 1) * size,
    }),
  revoke: (id: number, reason: string) => post<ELicense>(`/e-licenses/${id}/revoke`, { reason }),
};
