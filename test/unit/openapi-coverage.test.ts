import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type express from 'express';
import { pino } from 'pino';
import { Sequelize } from 'sequelize';
import request from 'supertest';
import { buildApp, routesOf } from '../../server/app.ts';
import { loadConfig } from '../../server/config/load.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { newNodeId } from '../../server/scheduling/nodes.ts';
import { EngineClient } from '../../server/engine/client.ts';
import { describeAccess, type Access } from '../../server/http/access.ts';
import type { DeclaredRoute } from '../../server/http/route-table.ts';
import { openApiPath } from '../../server/openapi/document.ts';

type Operation = { security?: Record<string, string[]>[]; parameters?: { name: string; in: string }[]; 'x-access'?: string };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const BEARER = [{ bearerAuth: [] }];
const ENGINE_BASIC = [{ engineBasic: [] }];

/** The security an operation must declare for a route's access. */
function securityFor(access: Access): Record<string, string[]>[] {
  if (access.kind === 'signed-in') return BEARER;
  if (access.kind === 'engine') return ENGINE_BASIC;
  // public, and an outside system's signed notification: no credentials of ours
  return [];
}

describe('the OpenAPI document covers the declared routes (server/<domain>/openapi.ts, server/openapi/document.ts)', () => {
  let dataDir: string;
  let app: express.Express;
  let routes: DeclaredRoute[];
  let document: Document;
  const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const routeByKey = () => new Map(routes.map((r) => [key(r.method, openApiPath(r.path)), r]));
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: key(method, path), path, operation })),
    );

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'approval-openapi-'));
    const config = loadConfig({ APP_MODE: 'embedded', DATA_DIR: dataDir });
    // nothing here reaches the engine or the database: the routes are only declared, the document only served
    app = buildApp({
      config,
      logger: pino({ level: 'silent' }),
      sequelize: new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false }),
      engine: new EngineClient(config.engine),
      tokens: new TokenService(config.jwtSecret, config.tokenTtlSeconds),
      nodeId: newNodeId(),
    });
    routes = routesOf(app);
    const res = await request(app).get('/api/v1/openapi.json');
    expect(res.status).to.equal(200);
    document = res.body as Document;
  });

  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds the routes the app declares', () => {
    expect(routes.length).to.be.greaterThan(50);
    expect(routes.map((r) => key(r.method, r.path))).to.include.members([
      'GET /openapi.json',
      'GET /cases/:caseNo',
      'POST /engine-events',
      'POST /gateways/payment/notify',
    ]);
  });

  it('describes every declared route', () => {
    const documented = new Set(operations().map((o) => o.key));
    const undocumented = routes.map((r) => key(r.method, openApiPath(r.path))).filter((k) => !documented.has(k));
    expect(undocumented, 'routes the document does not describe').to.deep.equal([]);
  });

  it('describes no operation that no route declares', () => {
    const declared = routeByKey();
    const unrouted = operations()
      .map((o) => o.key)
      .filter((k) => !declared.has(k));
    expect(unrouted, 'operations no route declares').to.deep.equal([]);
  });

  it("asks each operation for the credentials its route's access takes: bearer when signed in, basic for the engine, none when public or a signed message", () => {
    const declared = routeByKey();
    const wrong = operations().flatMap(({ key: k, operation }) => {
      const route = declared.get(k);
      if (!route) return [];
      const want = securityFor(route.access);
      const got = operation.security ?? [];
      return JSON.stringify(got) === JSON.stringify(want)
        ? []
        : [`${k} (${describeAccess(route.access)}): security ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
    });
    expect(wrong).to.deep.equal([]);
  });

  it('shows each operation its declared access as x-access', () => {
    const declared = routeByKey();
    const wrong = operations().flatMap(({ key: k, operation }) => {
      const route = declared.get(k);
      if (!route) return [];
      const want = describeAccess(route.access);
      return operation['x-access'] === want ? [] : [`${k}: x-access ${operation['x-access']}, expected ${want}`];
    });
    expect(wrong).to.deep.equal([]);
    expect(document.paths['/seals']!.post!['x-access']).to.equal('roles: admin');
    expect(document.paths['/gateways/payment/notify']!.post!['x-access']).to.equal('signed-message');
  });

  it('describes the path parameters each path names, and no other', () => {
    const wrong = operations().flatMap(({ key: k, path, operation }) => {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const described = (operation.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      return JSON.stringify(named) === JSON.stringify(described) ? [] : [`${k}: path parameters ${described.join(', ') || 'none'}`];
    });
    expect(wrong).to.deep.equal([]);
  });

  it('refers only to schemas and security schemes it defines (each domain contributes its own)', () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.add(v);
          else walk(v);
        }
      }
    };
    walk(document);
    const missing = [...refs].filter(
      (ref) => !/^#\/components\/schemas\//.test(ref) || !(ref.slice('#/components/schemas/'.length) in document.components.schemas),
    );
    expect(missing, 'dangling $ref').to.deep.equal([]);
    const schemes = new Set(operations().flatMap(({ operation }) => (operation.security ?? []).flatMap((s) => Object.keys(s))));
    expect(
      [...schemes].filter((s) => !(s in document.components.securitySchemes)),
      'undefined security schemes',
    ).to.deep.equal([]);
  });
});
