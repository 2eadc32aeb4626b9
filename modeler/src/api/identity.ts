import { API_BASE, get, post } from './http.ts';
import { session } from './session.ts';
import type { Answer, Body, LoginAnswer, SecondStep } from '../../../contract/api/index.ts';

/** 统一身份认证: whether the sign-in through the OpenID Connect provider is offered. */
export const unifiedSignIn = () => get<Answer<'/auth/oidc', 'get'>>('/auth/oidc');

/** Where the browser goes to start it: the server sends it on to the provider (a full navigation, not a fetch). */
export const unifiedSignInStart = (kind: 'person' | 'company') => `${API_BASE}/auth/oidc/start?kind=${kind}`;

/**
 * The provider's answer (the query it sent the browser back with): a session, or the second factor's step.
 * (The document says only "an object" of this session's and the registration's user: typed as the login's.)
 */
export async function finishUnifiedSignIn(answer: { code: string; state: string; iss?: string }): Promise<LoginAnswer | SecondStep> {
  const result = await post<LoginAnswer | SecondStep>('/auth/oidc/callback', answer);
  if ('token' in result) session.start(result.token, result.user);
  return result;
}

/** 申请人注册 */
export const registrationAvailable = () => get<Answer<'/auth/registration', 'get'>>('/auth/registration');
export const sendPhoneCode = (phone: string) => post<Answer<'/auth/registration/phone-codes', 'post'>>('/auth/registration/phone-codes', { phone });
export const verifyPhone = (phone: string, code: string) =>
  post<Answer<'/auth/registration/phone-verifications', 'post'>>('/auth/registration/phone-verifications', { phone, code });

export async function register(body: Body<'/auth/registrations', 'post'>): Promise<LoginAnswer> {
  const answer = await post<LoginAnswer>('/auth/registrations', body);
  session.start(answer.token, answer.user);
  return answer;
}
