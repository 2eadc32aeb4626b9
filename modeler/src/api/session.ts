import { computed, ref } from 'vue';
import type { Role, User } from './types.ts';

const TOKEN_KEY = 'approval.token';
const USER_KEY = 'approval.user';

/**
 * The signed-in person: the bearer token and who it belongs to, kept in sessionStorage (one tab's
 * life, gone when the tab closes; never localStorage, so a shared counter PC forgets it).
 */
function read(): { token: string; user: User } | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const user = sessionStorage.getItem(USER_KEY);
  if (!token || !user) return null;
  try {
    return { token, user: JSON.parse(user) as User };
  } catch {
    return null;
  }
}

const state = ref(read());

export const session = {
  token: computed(() => state.value?.token ?? null),
  user: computed(() => state.value?.user ?? null),
  signedIn: computed(() => state.value !== null),
  hasRole: (...roles: Role[]) => Boolean(state.value?.user.roles.some((r) => roles.includes(r))),
  start(token: string, user: User): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    state.value = { token, user };
  },
  end(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    state.value = null;
  },
};

/** Staff work in the inbox; the other roles get their own pages. */
export const STAFF_ROLES: Role[] = ['reviewer', 'leader', 'clerk', 'admin'];

/** Analysts (and administrators) draw and deploy processes in 流程建模. */
export const MODELING_ROLES: Role[] = ['analyst', 'admin'];
