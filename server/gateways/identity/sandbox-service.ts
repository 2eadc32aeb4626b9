import express, { type Request, type RequestHandler, type Response } from 'express';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type Configuration, type JWK } from 'oidc-provider';
import { isValidResidentIdNumber } from '../../../contract/validation/id-numbers.ts';
import { JsonFileStore } from '../sandbox/json-file-store.ts';
import { invalidInput } from '../sandbox/sandbox-error.ts';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';
import { jsonObject, oneOf, text } from '../sandbox/input-checks.ts';
import { claimsOf, IDENTITY_CLAIMS } from './claims.ts';
import {
  AUTHORIZATION_SCOPES,
  authorizationInForce,
  defaultPopulation,
  PopulationBook,
  REAL_NAME_LEVELS,
  type Agent,
  type LegalPerson,
  type NaturalPerson,
  type Population,
  type Subject,
} from './population.ts';
import { memoryAdapter } from './sandbox-adapter.ts';
import { consentPage, errorPage, loginPage, populationPage } from './sandbox-pages.ts';
import type { RealNameResult } from './real-name-check.ts';

export interface IdentitySandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** keeps the population, the signing key, the cookie keys and a generated client secret across restarts */
  dataFile?: string;
  /** the platform's client: its id (default approval-platform), its secret (generated when absent) and where it may be sent back to */
  client: { clientId?: string; clientSecret?: string; redirectUris: string[]; name?: string };
}

/** In-process equivalent of the control API, for tests. */
export interface IdentitySandboxControl {
  population(): Population;
  addPerson(person: Omit<NaturalPerson, 'sub'>): NaturalPerson;
  addCompany(company: Omit<LegalPerson, 'key' | 'agents'>): LegalPerson;
  authorize(companyKey: string, agent: Agent): LegalPerson;
  /** the next real-name checks fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
}

export interface IdentitySandbox {
  url: string;
  /** the OpenID Connect issuer (discovery at <issuer>/.well-known/openid-configuration) */
  issuer: string;
  clientId: string;
  clientSecret: string;
  control: IdentitySandboxControl;
  close(): Promise<void>;
}

interface IdentitySandboxState {
  population: Population;
  signingKey?: JWK;
  cookieKeys?: string[];
  clientSecret?: string;
}

const ID_NAME = { max: 30, pattern: /^[\p{Script=Han}·A-Za-z][\p{Script=Han}·A-Za-z .]{0,29}$/u, patternHint: { zh: '应为汉字或字母', en: 'must be letters' } };

function newSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: `sandbox-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' };
}

/**
 * Starts the sandbox identity provider (统一身份认证): a real OpenID Connect provider
 * (oidc-provider) under /oidc with its own login and consent pages (/interaction), the
 * real-name check of its population (/api/real-name), and a sandbox-only control API (/sandbox).
 * See README.md ("Identity sandbox").
 */
export async function startIdentitySandbox(options: IdentitySandboxOptions): Promise<IdentitySandbox> {
  const store = new JsonFileStore<IdentitySandboxState>(options.dataFile);
  const state = store.load(() => ({ population: defaultPopulation() }));
  state.signingKey ??= newSigningKey();
  state.cookieKeys ??= [randomBytes(32).toString('base64url')];
  const clientSecret = options.client.clientSecret ?? (state.clientSecret ??= randomBytes(32).toString('base64url'));
  const clientId = options.client.clientId ?? 'approval-platform';
  const clientName = options.client.name ?? '政务服务审批平台';
  const save = () => store.save(state);
  const book = new PopulationBook(state.population, save);
  save();
  const faults = new FaultInjector();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const oidc: { provider?: Provider; handler?: ReturnType<Provider['callback']> } = {};
  // the provider needs its issuer, which names the port: it is made once the server listens
  app.use('/oidc', ((req, res, next) => (oidc.handler ? void oidc.handler(req, res) : next())) as RequestHandler);
  app.get('/', (_req, res) => void res.type('html').send(populationPage(book.snapshot, `${server.url}/oidc`)));

  const nameOf = (sub: string) => book.person(sub).name;
  const noCache: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  /** The interaction of this browser, or an error page (expired, or another browser's). */
  async function details(req: Request, res: Response) {
    try {
      return await oidc.provider!.interactionDetails(req, res);
    } catch {
      res.status(400).type('html').send(errorPage('登录已过期', '本次登录请求已过期或无效，请回到审批平台重新发起统一身份认证登录。'));
      return undefined;
    }
  }

  app.get('/interaction/:uid', noCache, async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    const { uid, prompt, params, session } = interaction;
    if (prompt.name === 'login') {
      res.type('html').send(loginPage(uid, clientName, params.subject_type as string | undefined, book));
      return;
    }
    res.type('html').send(consentPage(uid, clientName, book.subject(session!.accountId)));
  });

  app.post('/interaction/:uid/login', noCache, form, async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    const { uid, prompt, params } = interaction;
    const body = (req.body ?? {}) as Record<string, string>;
    let subject: Subject;
    try {
      if (prompt.name !== 'login') throw new Error('not a login');
      subject = book.subject(String(body.subject ?? ''));
    } catch {
      res
        .status(400)
        .type('html')
        .send(loginPage(uid, clientName, params.subject_type as string | undefined, book, '请选择一个身份登录。'));
      return;
    }
    const wanted = params.subject_type as string | undefined;
    const refusal =
      wanted && wanted !== subject.kind
        ? `审批平台请求的是${wanted === 'legal_person' ? '法人' : '自然人'}登录，请选择相应的身份。`
        : subject.kind === 'legal_person' && subject.authorization && !authorizationInForce(subject.authorization)
          ? `${subject.person.name} 的授权书 ${subject.authorization.id} 已于 ${subject.authorization.validUntil} 失效，不能代表 ${subject.company.name} 登录。`
          : undefined;
    if (refusal) {
      res
        .status(400)
        .type('html')
        .send(loginPage(uid, clientName, wanted, book, refusal));
      return;
    }
    const mfa = body.mfa === 'on';
    await oidc.provider!.interactionFinished(
      req,
      res,
      { login: { accountId: subject.sub, amr: mfa ? ['pwd', 'sms', 'mfa'] : ['pwd'], acr: mfa ? 'urn:sandbox:loa:high' : 'urn:sandbox:loa:substantial' } },
      { mergeWithLastSubmission: false },
    );
  });

  app.post('/interaction/:uid/confirm', noCache, form, async (req, res) => {
    const interaction = await details(req, res);
    if (!interaction) return;
    const { prompt, params, session } = interaction;
    if (prompt.name !== 'consent' || !session) {
      res.status(400).type('html').send(errorPage('无法授权', '本次登录没有待确认的授权，请回到审批平台重新登录。'));
      return;
    }
    const grant = new oidc.provider!.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await oidc.provider!.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  });

  app.get('/interaction/:uid/abort', noCache, async (req, res) => {
    if (!(await details(req, res))) return;
    await oidc.provider!.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'the person cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
  });

  // 实名核验 (二要素): what the platform's registration asks
  app.post('/api/real-name/verifications', faults.middleware, jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const name = text(body, 'name', ID_NAME);
    const idNo = text(body, 'idNo', { max: 18 });
    if (!isValidResidentIdNumber(idNo)) throw invalidInput('idNo', '不是有效的居民身份证号码', 'is not a valid resident ID number');
    const person = book.personByIdNo(idNo);
    const answer: RealNameResult = !person
      ? { result: 'not_found' }
      : person.name === name
        ? { result: 'match', realNameLevel: person.realNameLevel }
        : { result: 'mismatch' };
    res.json(answer);
  });

  // SANDBOX ONLY: the population and faults
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.get('/sandbox/population', (_req, res) => void res.json(book.snapshot));
  app.post('/sandbox/persons', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    res.status(201).json(
      book.addPerson({
        name: text(body, 'name', ID_NAME),
        idNo: text(body, 'idNo', { max: 18 }),
        phone: text(body, 'phone', { max: 11 }),
        realNameLevel: oneOf(body, 'realNameLevel', REAL_NAME_LEVELS),
      }),
    );
  });
  app.post('/sandbox/companies', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    res.status(201).json(
      book.addCompany({
        name: text(body, 'name', { max: 60 }),
        creditCode: text(body, 'creditCode', { max: 18 }),
        legalRepresentative: text(body, 'legalRepresentative', { max: 64 }),
      }),
    );
  });
  app.post('/sandbox/companies/:key/agents', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const scope = body.scope;
    if (!Array.isArray(scope) || !scope.every((s) => (AUTHORIZATION_SCOPES as readonly unknown[]).includes(s))) {
      throw invalidInput('scope', `应为 ${AUTHORIZATION_SCOPES.join('、')} 组成的数组`, `must be an array of ${AUTHORIZATION_SCOPES.join(', ')}`);
    }
    res.json(
      book.authorize(String(req.params.key), {
        person: text(body, 'person', { max: 64 }),
        authorization: {
          id: text(body, 'id', { max: 40 }),
          scope: scope as Agent['authorization']['scope'],
          validFrom: text(body, 'validFrom', { max: 10 }),
          validUntil: text(body, 'validUntil', { max: 10 }),
        },
      }),
    );
  });
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  const issuer = `${server.url}/oidc`;
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: clientName,
        redirect_uris: options.client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    // the authorization code flow with PKCE (S256) only
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'phone', 'identity'],
    claims: { ...Object.fromEntries(Object.entries(IDENTITY_CLAIMS).map(([scope, claims]) => [scope, [...claims]])) },
    // the scopes' claims go into the ID token too, not only to userinfo
    conformIdTokenClaims: false,
    extraParams: ['subject_type'],
    acrValues: ['urn:sandbox:loa:substantial', 'urn:sandbox:loa:high'],
    jwks: { keys: [state.signingKey] },
    cookies: { keys: state.cookieKeys },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true }, rpInitiatedLogout: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // consent is asked at every sign-in (the grant of this interaction's consent only, never an
    // earlier one of the session): the person sees what the platform receives each time
    loadExistingGrant: async (ctx) => {
      const grantId = (ctx.oidc.result as { consent?: { grantId?: string } } | undefined)?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    ttl: { AuthorizationCode: 120, IdToken: 600, AccessToken: 600, Interaction: 900, Session: 900, Grant: 900 },
    findAccount: (_ctx, sub) => {
      let subject: Subject;
      try {
        subject = book.subject(sub);
      } catch {
        return undefined;
      }
      return { accountId: sub, claims: () => claimsOf(subject, nameOf) as unknown as { sub: string } };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage('统一身份认证出错', `${String(out.error)}：${String(out.error_description ?? '')}`);
    },
  };
  oidc.provider = new Provider(issuer, configuration);
  oidc.handler = oidc.provider.callback();

  return {
    url: server.url,
    issuer,
    clientId,
    clientSecret,
    control: {
      population: () => book.snapshot,
      addPerson: (person) => book.addPerson(person),
      addCompany: (company) => book.addCompany(company),
      authorize: (companyKey, agent) => book.authorize(companyKey, agent),
      injectFaults: (plan) => faults.set(plan),
    },
    close: () => server.close(),
  };
}
