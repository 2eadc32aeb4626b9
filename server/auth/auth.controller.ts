import type { AppContext } from '../context.ts';
import { randomBytes } from 'node:crypto';
import { rateLimit } from 'express-rate-limit';
import { User } from './user.model.ts';
import { AppError, unauthenticated } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { groupsOf } from './principal.ts';
import { PUBLIC, SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64, title: '用户名', 'x-title-en': 'User name' },
    password: { type: 'string', minLength: 1, maxLength: 256, title: '密码', 'x-title-en': 'Password' },
  },
};

// Verifying against a real hash for unknown users makes them cost the same time as a wrong password.
let timingDummy: Promise<string> | undefined;
const dummyHash = () => (timingDummy ??= hashPassword(randomBytes(16).toString('hex')));

export function principalOf(user: User): Principal {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, departmentCode: user.departmentCode };
}

export function authRoutes(ctx: AppContext): RouteTable {
  const { tokens } = ctx;
  const routes = new RouteTable(ctx);
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });

  routes.post('/auth/login', PUBLIC, limiter, async (req, res) => {
    assertValid<{ username: string; password: string }>(loginSchema, req.body);
    const { username, password } = req.body as { username: string; password: string };
    const user = await User.findOne({ where: { username } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) throw unauthenticated('invalid_credentials');
    const principal = principalOf(user);
    const { token, expiresAt } = await tokens.issue(principal);
    req.log?.info({ user: username }, 'login');
    res.json({ token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: { ...principal, groups: groupsOf(principal) } });
  });

  routes.get('/auth/me', SIGNED_IN, (req, res) => {
    const principal = req.principal!;
    res.json({ ...principal, groups: groupsOf(principal) });
  });

  return routes;
}
