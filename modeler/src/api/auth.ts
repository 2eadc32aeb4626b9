import { get, post, postEmpty } from './http.ts';
import { session } from './session.ts';
import type { Answer, LoginAnswer, SecondStep } from '../../../contract/api/index.ts';

/**
 * What a right password answers instead of a session when a second factor comes next: the code
 * step (`second_factor_required`) or, for a role that requires one and has none, the enrolment
 * (`second_factor_enrolment_required`). The challenge is good for 5 minutes and only for that step.
 */
export type { SecondStep };

/** What an authenticator app needs, shown once: the QR code's otpauth:// URI and the secret to type where a camera cannot read it. */
export type Enrolment = Answer<'/me/second-factor/enrolment', 'post'>;

/** enrolled; required: the role (or a seal naming the person) requires it, so it cannot be turned off */
export type SecondFactorState = Answer<'/me/second-factor', 'get'>;

/** A code of the authenticator, or one of the recovery codes. */
export type SecondFactorCode = { code: string } | { recoveryCode: string };

const started = <T extends LoginAnswer>(answer: T): T => {
  session.start(answer.token, answer.user);
  return answer;
};

/**
 * Signs in. With `newPassword`, the same sign-in replaces the password first: how an expired one
 * (403 password_expired) is changed. A person with a second factor gets its step instead of a session.
 */
export async function login(username: string, password: string, newPassword?: string): Promise<LoginAnswer | SecondStep> {
  const answer = await post<LoginAnswer | SecondStep>('/auth/login', { username, password, ...(newPassword === undefined ? {} : { newPassword }) });
  return 'token' in answer ? started(answer) : answer;
}

/**
 * The sign-in's second step: the challenge and a code (or a recovery code); or, after a right code
 * with an expired password (403 password_expired), the same challenge with the new password.
 */
export async function secondFactor(challenge: string, input: SecondFactorCode | { newPassword: string }): Promise<Answer<'/auth/second-factor', 'post'>> {
  return started(await post<Answer<'/auth/second-factor', 'post'>>('/auth/second-factor', { challenge, ...input }));
}

/** Enrolment at sign-in, on the login's enrolment challenge. */
export const beginEnrolmentAtSignIn = (challenge: string) => post<Enrolment>('/auth/second-factor/enrolment', { challenge });

/** The first code confirms it: the session, and the recovery codes to show once. */
export async function confirmEnrolmentAtSignIn(challenge: string, code: string): Promise<Answer<'/auth/second-factor/enrolment/confirmation', 'post'>> {
  return started(await post<Answer<'/auth/second-factor/enrolment/confirmation', 'post'>>('/auth/second-factor/enrolment/confirmation', { challenge, code }));
}

/** The signed-in person's second factor. */
export const getSecondFactor = () => get<SecondFactorState>('/me/second-factor');
export const beginEnrolment = () => post<Enrolment>('/me/second-factor/enrolment');
export const confirmEnrolment = (code: string) =>
  post<Answer<'/me/second-factor/enrolment/confirmation', 'post'>>('/me/second-factor/enrolment/confirmation', { code });
export const regenerateRecoveryCodes = (input: SecondFactorCode) =>
  post<Answer<'/me/second-factor/recovery-codes', 'post'>>('/me/second-factor/recovery-codes', input);
export const disableSecondFactor = (input: SecondFactorCode) => postEmpty('/me/second-factor/disable', input);

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
  await post<Answer<'/auth/password', 'post'>>('/auth/password', { currentPassword, newPassword });
}
