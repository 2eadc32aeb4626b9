import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * Where the sandbox provider keeps its short-lived state (interactions, sessions, codes, grants):
 * memory, one map per provider, each entry dropped once it expires. A restart forgets them, as it
 * may for a sandbox: a person signing in at that moment starts again; the population, the keys
 * and the client stay in the JSON file.
 */
export function memoryAdapter(): (name: string) => Adapter {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  // uid and user code → id (sessions are found by their uid)
  const pointers = new Map<string, string>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return (name) => {
    const key = (id: string) => `${name}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = Date.now() + (expiresIn ?? 3600) * 1000;
        entries.set(key(id), { payload: { ...payload }, expiresAt });
        if (payload.grantId) {
          const keys = byGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key(id));
          byGrant.set(payload.grantId, keys);
        }
        if (payload.uid) pointers.set(`${name}:uid:${payload.uid}`, id);
        if (payload.userCode) pointers.set(`${name}:userCode:${payload.userCode}`, id);
      },
      async find(id) {
        return live(key(id))?.payload;
      },
      async findByUid(uid) {
        const id = pointers.get(`${name}:uid:${uid}`);
        return id ? live(key(id))?.payload : undefined;
      },
      async findByUserCode(userCode) {
        const id = pointers.get(`${name}:userCode:${userCode}`);
        return id ? live(key(id))?.payload : undefined;
      },
      async consume(id) {
        const entry = live(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const k of byGrant.get(grantId) ?? []) entries.delete(k);
        byGrant.delete(grantId);
      },
    };
  };
}
