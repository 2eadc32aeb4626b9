import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { authenticate, requireRole } from '../auth/auth.middleware.ts';
import { engineOnly } from '../live/engine-only.ts';
import type { Access } from './access.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A route as declared: the API document must describe it, the security tests call it. */
export interface DeclaredRoute {
  method: Method;
  /** express form, e.g. /cases/:caseNo */
  path: string;
  access: Access;
}

/**
 * A domain's routes, each declaring who may call it. The guard comes from the declaration, so a
 * route's protection is read where it is written, and nothing depends on the order routers are
 * mounted in: a path no table declares answers 404 to everyone.
 */
export class RouteTable {
  readonly router = Router();
  readonly routes: DeclaredRoute[] = [];
  private readonly guards: Record<Access['kind'], RequestHandler[]>;

  constructor(ctx: AppContext) {
    const signedIn = authenticate(ctx.tokens);
    this.guards = { public: [], 'signed-message': [], 'signed-in': [signedIn], engine: [engineOnly(ctx)] };
  }

  get(path: string, access: Access, ...handlers: RequestHandler[]): this {
    return this.add('get', path, access, handlers);
  }

  post(path: string, access: Access, ...handlers: RequestHandler[]): this {
    return this.add('post', path, access, handlers);
  }

  put(path: string, access: Access, ...handlers: RequestHandler[]): this {
    return this.add('put', path, access, handlers);
  }

  patch(path: string, access: Access, ...handlers: RequestHandler[]): this {
    return this.add('patch', path, access, handlers);
  }

  delete(path: string, access: Access, ...handlers: RequestHandler[]): this {
    return this.add('delete', path, access, handlers);
  }

  /** Middleware that is not a route: a body parser for a path, an error translator. */
  use(...handlers: (RequestHandler | string | ErrorRequestHandler)[]): this {
    (this.router.use as (...args: unknown[]) => void)(...handlers);
    return this;
  }

  private add(method: Method, path: string, access: Access, handlers: RequestHandler[]): this {
    const guard = [...this.guards[access.kind]];
    if (access.kind === 'signed-in' && access.roles) guard.push(requireRole(...access.roles));
    this.router[method](path, ...guard, ...handlers);
    this.routes.push({ method, path, access });
    return this;
  }
}
