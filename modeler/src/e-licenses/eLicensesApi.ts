import { post } from '../api/http.ts';
import { LICENSE_STATUS_CODES, type LicenseStatus, type LicenseView } from '../../../contract/e-licenses.ts';

export type { LicenseStatus };
export const LICENSE_STATUSES: readonly LicenseStatus[] = LICENSE_STATUS_CODES;

/** A licence of the registry with where it stands now (contract/e-licenses.ts); the holder's ID number masked. */
export type ELicense = LicenseView;

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
