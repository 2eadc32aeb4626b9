import { post } from './http.ts';
import { session } from './session.ts';
import type { LoginAnswer } from './types.ts';

export async function login(username: string, password: string): Promise<LoginAnswer> {
  const answer = await post<LoginAnswer>('/auth/login', { username, password });
  session.start(answer.token, answer.user);
  return answer;
}
