import { post, postEmpty } from './http.ts';
import { session } from './session.ts';
import type { LoginAnswer } from './types.ts';

/**
 * Signs in. With `newPassword`, the same sign-in replaces the password first: how an expired one
 * (403 password_expired) is changed.
 */
export async function login(username: string, password: string, newPassword?: string): Promise<LoginAnswer> {
  const answer = await post<LoginAnswer>('/auth/login', { username, password, ...(newPassword === undefined ? {} : { newPassword }) });
  session.start(answer.token, answer.user);
  return answer;
}

/** Ends the session on the server (the token is refused from then on), then here. */
export async function logout(): Promise<void> {
  try {
    if (session.token.value) await postEmpty('/auth/logout');
  } catch {
    // ended already, or the server is away: the token is forgotten here all the same
  }
  session.end();
}

/** 修改密码: 422 names each rule the new one breaks; the other sessions of the person end. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await post<{ changedAt: string }>('/auth/password', { currentPassword, newPassword });
}
