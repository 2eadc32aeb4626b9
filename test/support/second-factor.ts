import { expect } from 'chai';
import type request from 'supertest';
import { testEnv } from './environment.ts';
import { User } from '../../server/auth/user.model.ts';
import { SecondFactor } from '../../server/auth/second-factor.model.ts';
import { openSecret } from '../../server/auth/second-factor-crypto.ts';
import { codeAt, stepAt, WINDOW } from '../../server/auth/totp.ts';

/**
 * The second factor in tests, as a person with the phone would: the code of the user's own secret
 * (under its enrolment's algorithm: RFC 6238, or GM/T 0021's SM3)
 * (read from the database and opened with the platform's SECOND_FACTOR_KEY, as the authenticator app
 * holds it), for a time step the server still accepts and has not accepted yet: the current step's
 * (good for a step more on either side, so a slow request on a loaded machine still lands inside the
 * window; the oldest acceptable step could fall out of it on the way). A code is good once (RFC 6238
 * replay), so signing in the same person again soon takes the next step's code (an app shows it a
 * little early, within the ±1 step window) and, past that, waits for it.
 */
export async function nextCode(username: string, now: () => number = Date.now): Promise<string> {
  const user = await User.findOne({ attributes: ['id'], where: { username } });
  const row = user ? await SecondFactor.findByPk(user.id) : null;
  if (!user || !row) throw new Error(`${username} has no second factor`);
  const secret = openSecret(testEnv().config.secondFactorKey, user.id, row.secret);
  const current = stepAt(now());
  const step = Math.max(current, (row.lastStep ?? -Infinity) + 1);
  // too far ahead of the clock: wait until the step is within the window
  const waitMs = (step - WINDOW) * 30_000 - now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs + 50));
  return codeAt(row.algorithm, secret, step);
}

type Agent = () => ReturnType<typeof request>;

/**
 * Finishes a sign-in whose password was right: the second step with the user's next code, or, where
 * the role requires a second factor and there is none, the enrolment (its secret read from the
 * answer, as the app would from the QR code). Returns the answer with the token.
 */
export async function finishSignIn(agent: Agent, username: string, login: request.Response): Promise<request.Response> {
  const status = (login.body as { status?: string }).status;
  if (status === 'second_factor_required') {
    const res = await agent()
      .post('/api/v1/auth/second-factor')
      .send({ challenge: login.body.challenge, code: await nextCode(username) });
    expect(res.status, `second factor of ${username}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res;
  }
  if (status === 'second_factor_enrolment_required') {
    const started = await agent().post('/api/v1/auth/second-factor/enrolment').send({ challenge: login.body.challenge });
    expect(started.status, `enrolment of ${username}: ${JSON.stringify(started.body)}`).to.equal(200);
    const res = await agent()
      .post('/api/v1/auth/second-factor/enrolment/confirmation')
      .send({ challenge: login.body.challenge, code: await nextCode(username) });
    expect(res.status, `enrolment of ${username}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res;
  }
  return login;
}
