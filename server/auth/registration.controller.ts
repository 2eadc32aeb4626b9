import { perAddressLimit } from './rate-limits.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
// its own file, not the gateway's index: that brings the sandbox provider (oidc-provider) into every server
import { SandboxRealNameCheck } from '../gateways/identity/sandbox-real-name-check.ts';
import { SandboxSmsGateway } from '../gateways/sms/index.ts';
import { PUBLIC } from '../http/access.ts';
import type { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import { Registration } from './registration.service.ts';
import { startSession } from './sign-in.ts';
import {
  phoneCodeSchema,
  phoneVerificationSchema,
  registrationSchema,
  type NewRegistration,
  type PhoneVerificationBody,
} from '../../contract/requests/registration.ts';

/**
 * 申请人注册 (./registration.service.ts): the SMS code, the phone's verification, then the account
 * after the real-name check, signed in at once. Public routes, each also under the sign-in's rate
 * limit per address; the services are the configured SMS gateway and real-name check (in the
 * embedded default the sandboxes `npm start` runs).
 */
export function registrationRoutes(routes: RouteTable, ctx: AppContext): void {
  const { config, tokens } = ctx;
  const limiter = perAddressLimit(30);
  const sms = config.identity.smsGatewayUrl ? new SandboxSmsGateway({ baseUrl: config.identity.smsGatewayUrl }) : null;
  const realName = config.identity.realNameCheckUrl ? new SandboxRealNameCheck({ baseUrl: config.identity.realNameCheckUrl }) : null;
  const registration = new Registration(ctx.sequelize, sms, realName, tokens.now);

  routes.get('/auth/registration', PUBLIC, (_req, res) => {
    res.json({ available: registration.available });
  });

  routes.post('/auth/registration/phone-codes', PUBLIC, limiter, async (req, res) => {
    assertValid<{ phone: string }>(phoneCodeSchema, req.body);
    try {
      const { expiresAt, resendAfter } = await registration.sendCode(req.body.phone, req.ip ?? null);
      req.log?.info({ clientAddress: req.ip ?? null }, 'registration: a phone code sent');
      res.status(201).json({ expiresAt: expiresAt.toISOString(), resendAfter: resendAfter.toISOString() });
    } catch (err) {
      if (err instanceof AppError && err.status >= 500) req.log?.warn({ err: (err as { cause?: unknown }).cause }, 'registration: the SMS gateway failed');
      throw err;
    }
  });

  routes.post('/auth/registration/phone-verifications', PUBLIC, limiter, async (req, res) => {
    assertValid<PhoneVerificationBody>(phoneVerificationSchema, req.body);
    const { verification, expiresAt } = await registration.verifyCode(req.body.phone, req.body.code);
    res.json({ verification, expiresAt: expiresAt.toISOString() });
  });

  routes.post('/auth/registrations', PUBLIC, limiter, async (req, res) => {
    assertValid<NewRegistration>(registrationSchema, req.body);
    let user;
    try {
      user = await registration.register(req.body as NewRegistration);
    } catch (err) {
      if (err instanceof AppError && err.status >= 500) req.log?.warn({ err: (err as { cause?: unknown }).cause }, 'registration: the real-name check failed');
      throw err;
    }
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'registration: account created');
    res.status(201).json(await startSession(tokens, req, user, { via: 'registration' }));
  });
}
