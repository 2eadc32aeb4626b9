import { get, getBlob, post, postForm, put } from '../api/http.ts';
import type { Answer, Schema } from '../../../contract/api/index.ts';

/** A registered seal as administrators see it (server/seals/seal-view.ts): never its certificate file or password; users are usernames, "<department>:<role>" groups and system:seal. */
export type Seal = Schema<'Seal'>;

/** A line of a seal's use log: a document sealed, or a management action (启用, 停用, 授权变更). */
export type SealUse = Answer<'/seals/{id}/uses', 'get'>['uses'][number];

export type Department = Answer<'/departments', 'get'>['departments'][number];

/** What POST /seals takes (server/seals/seal-upload.ts, seal-registration.ts), as multipart. */
export interface SealRegistration {
  departmentCode: string;
  name: string;
  users: string[];
  image: File;
  certificate: File;
  password: string;
  /** the SM2 certificate (PEM) and its key (PEM PKCS#8) with the key's password: sealed documents are also signed with SM2 */
  sm2?: { certificate: File; key: File; password: string };
}

/** The seal worker: it signs results with the department's seal. */
export const SEAL_WORKER = 'system:seal';

/** "a, b，c、d" → [a, b, c, d], as the server reads a list (server/seals/seal-users.ts): duplicates dropped. */
export function parseUsers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、;；]+/)
        .map((u) => u.trim())
        .filter(Boolean),
    ),
  ];
}

/** 电子印章 (server/seals/): the system administrator registers, authorises and retires seals and reads their use. */
export const sealsApi = {
  list: async (departmentCode?: string) => (await get<Answer<'/seals', 'get'>>('/seals', { departmentCode })).seals,
  /** the PNG as stored, behind the token: shown through a blob: URL */
  image: (id: number) => getBlob(`/seals/${id}/image`),
  departments: async () => (await get<Answer<'/departments', 'get'>>('/departments')).departments,
  deactivate: (id: number, reason: string) => post<Seal>(`/seals/${id}/deactivate`, reason ? { reason } : {}),
  changeUsers: (id: number, users: string[]) => put<Seal>(`/seals/${id}/users`, { users }),
  uses: (id: number, limit: number, offset: number) =>
    get<Answer<'/seals/{id}/uses', 'get'>>(`/seals/${id}/uses`, { limit: String(limit), offset: String(offset) }),
  /** POST /seals as multipart: the files image, certificate and (optional) sm2Certificate and sm2Key, and the text fields */
  async register(seal: SealRegistration): Promise<Seal> {
    const data = new FormData();
    data.append('departmentCode', seal.departmentCode);
    data.append('name', seal.name);
    data.append('users', JSON.stringify(seal.users));
    data.append('password', seal.password);
    data.append('image', seal.image, seal.image.name);
    data.append('certificate', seal.certificate, seal.certificate.name);
    if (seal.sm2) {
      data.append('sm2Certificate', seal.sm2.certificate, seal.sm2.certificate.name);
      data.append('sm2Key', seal.sm2.key, seal.sm2.key.name);
      data.append('sm2Password', seal.sm2.password);
    }
    return postForm<Seal>('/seals', data);
  },
};
