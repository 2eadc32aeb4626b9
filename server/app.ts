import express, { Router } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { AppError } from './errors/app-error.ts';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import swaggerUi from 'swagger-ui-express';
import type { AppContext } from './context.ts';
import { inRequestScope } from './logger.ts';
import { withoutQueryValues } from './http/log-url.ts';
import { PUBLIC } from './http/access.ts';
import { RouteTable, type DeclaredRoute } from './http/route-table.ts';
import { refuseBadAddress, refuseNulInBody } from './http/bad-input.ts';
import { authRoutes, userAdminRoutes } from './auth/auth.controller.ts';
import { forwardedForIgnored } from './http/client-address.ts';
import { catalogRoutes } from './catalog/catalog.controller.ts';
import { catalogEditingRoutes } from './catalog/catalog-editing.controller.ts';
import { bundlesRoutes } from './catalog/bundles.controller.ts';
import { calendarRoutes } from './calendar/calendar.controller.ts';
import { attachmentsRoutes } from './attachments/attachments.controller.ts';
import { casesRoutes } from './cases/cases.controller.ts';
import { caseByNumber, caseNosByIds, recordTimeline, timelineSourceOf } from './cases/index.ts';
import { isReviewFileOf, mayTakeBack, opinionsOf, reviewFilesOf, stepsHandledBy } from './inbox/index.ts';
import { rescheduleDeadlines } from './cases/deadline-reschedule.ts';
import { notificationsRoutes } from './notifications/notifications.controller.ts';
import { publicLookupRoutes } from './cases/public-lookup.ts';
import { tasksRoutes } from './inbox/tasks.controller.ts';
import { paymentCallbackRoutes, paymentsRoutes } from './payments/payments.controller.ts';
import { engineEventsRoutes } from './inbox/engine-events.controller.ts';
import { carrierCallbackRoutes } from './deliveries/carrier-callback.ts';
import { deliveriesRoutes } from './deliveries/deliveries.controller.ts';
import { sealsRoutes } from './seals/seals.controller.ts';
import { eLicensesRoutes } from './e-licenses/e-licenses.controller.ts';
import { healthRoutes } from './health/health.controller.ts';
import { modelerRoutes } from './modeler/modeler.controller.ts';
import { decisionRoutes } from './modeler/decisions.controller.ts';
import { ratingsRoutes } from './ratings/ratings.controller.ts';
import { recognitionRoutes } from './recognition/index.ts';
import { ratingSourceOf, ratingSummaries } from './ratings/index.ts';
import { problemsRoutes } from './problems/index.ts';
import { formsRoutes } from './forms/forms.controller.ts';
import { staffRoutes } from './staff/staff.controller.ts';
import { departmentsRoutes, organizationRoutes } from './organization/index.ts';
import { auditRoutes } from './audit/audit.controller.ts';
import { incidentOfCase, operationsRoutes } from './operations/index.ts';
import { reportingRoutes } from './reporting/index.ts';
import { publicBoardRoutes, supervisionRoutes } from './supervision/index.ts';
import { sharedDataRoutes } from './shared-data/index.ts';
import { proactiveRoutes } from './proactive/index.ts';
import { queueRoutes } from './queue/index.ts';
import { appointmentsRoutes } from './appointments/index.ts';
import { onlineHelpRoutes } from './online-help/index.ts';
import { hallMapRoutes } from './hall-map/index.ts';
import { openApiDocument } from './openapi/document.ts';
import { errorMiddleware, routeNotFound } from './errors/middleware.ts';
import { webRouter } from './web/web.ts';

const declaredRoutes = new WeakMap<express.Express, DeclaredRoute[]>();

/** Every API route the app serves, with its access: the API document and the security tests read it. */
export function routesOf(app: express.Express): DeclaredRoute[] {
  return declaredRoutes.get(app) ?? [];
}

/** Builds the express app; index.ts listens, tests start it on port 0. */
export function buildApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip, which the rate limits, the logs and the sessions take as the client's address: the
  // connecting peer, or what X-Forwarded-For says when the peer is one of TRUST_PROXY's proxies
  // (none by default: a same-host caller must not choose its own address either)
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(forwardedForIgnored(ctx.logger));
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      serializers: {
        // who sent it: the client's address as trust proxy reads it (the access log's line of each request)
        // the query's values stay out of the logs (an ID number or a phone may be among them): its names only
        req: (req: { method: string; url: string; raw?: { ip?: string } }) => ({
          method: req.method,
          url: withoutQueryValues(req.url),
          clientAddress: req.raw?.ip ?? null,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // every line logged while the request is served carries its id (server/logger.ts), whichever logger writes it
  app.use((req, _res, next) => inRequestScope({ reqId: String(req.id), clientAddress: req.ip ?? null }, next));
  app.use(helmet({ contentSecurityPolicy: false }));
  // a malformed %-encoding or a control character in the path or query: a 400 before any route (server/http/bad-input.ts)
  app.use(refuseBadAddress);

  // the document describes the routes as declared, each with who may call it: built once they are
  let document: object = {};
  const api = Router();
  // gateways' signed callbacks need their raw bodies: before the JSON parser. Every callback is
  // kept as evidence, forged ones too: a flood from one address is cut off before it fills the table
  api.use(
    '/gateways',
    rateLimit({
      windowMs: 60_000,
      limit: 1200,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
    }),
  );
  // each table declares who may call each of its routes; the order only matters for body parsers
  const beforeJson = [paymentCallbackRoutes(ctx), carrierCallbackRoutes(ctx), modelerRoutes(ctx), decisionRoutes(ctx)];
  const tables = [
    new RouteTable(ctx).get('/openapi.json', PUBLIC, (_req, res) => void res.json(document)),
    healthRoutes(ctx),
    authRoutes(ctx),
    catalogRoutes(ctx),
    bundlesRoutes(ctx),
    calendarRoutes(ctx, { calendarChanged: (before, span) => rescheduleDeadlines(ctx, before, span) }),
    catalogEditingRoutes(ctx),
    formsRoutes(ctx),
    engineEventsRoutes(ctx),
    paymentsRoutes(ctx),
    publicLookupRoutes(ctx, incidentOfCase),
    attachmentsRoutes(ctx),
    casesRoutes(ctx, { opinionsOf, reviewFilesOf, stepsHandledBy, isReviewFileOf, mayTakeBack, incidentOf: incidentOfCase }),
    notificationsRoutes(ctx),
    deliveriesRoutes(ctx),
    tasksRoutes(ctx),
    sealsRoutes(ctx),
    eLicensesRoutes(ctx, { caseNosByIds }),
    ratingsRoutes(ctx),
    recognitionRoutes(ctx),
    problemsRoutes(ctx, { ratingsOf: ratingSummaries }),
    staffRoutes(ctx),
    departmentsRoutes(ctx),
    organizationRoutes(ctx),
    userAdminRoutes(ctx, { caseByNumber, recordTimeline }),
    auditRoutes(ctx),
    operationsRoutes(ctx),
    reportingRoutes(ctx, { timelineEntry: timelineSourceOf, rating: ratingSourceOf }),
    supervisionRoutes(ctx),
    publicBoardRoutes(ctx),
    sharedDataRoutes(ctx),
    proactiveRoutes(ctx),
    queueRoutes(ctx),
    appointmentsRoutes(ctx),
    onlineHelpRoutes(ctx),
    hallMapRoutes(ctx),
  ];
  for (const table of beforeJson) api.use(table.router);
  api.use(express.json({ limit: '1mb' }), refuseNulInBody);
  for (const table of tables) api.use(table.router);
  // a path no table declares is a 404 to everyone, signed in or not
  api.use(routeNotFound);
  const routes = [...beforeJson, ...tables].flatMap((t) => t.routes);
  declaredRoutes.set(app, routes);
  document = openApiDocument(routes);

  app.use('/api/v1', api);
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(document as swaggerUi.JsonObject, { swaggerOptions: { showExtensions: true } }));
  app.use(webRouter(ctx.config.webDir));
  app.use(routeNotFound);
  app.use(errorMiddleware);
  return app;
}
