import express, { Router } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { AppError } from './errors/app-error.ts';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import swaggerUi from 'swagger-ui-express';
import type { AppContext } from './context.ts';
import { authenticate } from './auth/auth.middleware.ts';
import { authRouter } from './auth/auth.controller.ts';
import { catalogRouter } from './catalog/catalog.controller.ts';
import { catalogEditingRouter } from './catalog/catalog-editing.controller.ts';
import { bundlesRouter } from './bundles/bundles.controller.ts';
import { calendarRouter } from './calendar/calendar.controller.ts';
import { attachmentsRouter } from './attachments/attachments.controller.ts';
import { casesRouter } from './cases/cases.controller.ts';
import { publicLookupRouter } from './cases/public-lookup.ts';
import { tasksRouter } from './inbox/tasks.controller.ts';
import { paymentCallbackRouter, paymentsRouter } from './payments/payments.controller.ts';
import { engineEventsRouter } from './live/engine-events.controller.ts';
import { carrierCallbackRouter } from './deliveries/carrier-callback.ts';
import { deliveriesRouter } from './deliveries/deliveries.controller.ts';
import { sealsRouter } from './seals/seals.controller.ts';
import { eLicensesRouter } from './e-licenses/e-licenses.controller.ts';
import { healthRouter } from './health/health.controller.ts';
import { modelerRouter } from './modeler/modeler.controller.ts';
import { ratingsRouter } from './ratings/ratings.controller.ts';
import { formsRouter } from './forms/forms.controller.ts';
import { staffRouter } from './staff/staff.controller.ts';
import { openApiDocument } from './openapi/document.ts';
import { errorMiddleware, routeNotFound } from './errors/middleware.ts';
import { webRouter } from './web/web.ts';

/** Builds the express app; index.ts listens, tests start it on port 0. */
export function buildApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(helmet({ contentSecurityPolicy: false }));

  const document = openApiDocument();
  const api = Router();
  // gateways' signed callbacks need their raw bodies: before the JSON parser. Every callback is
  // kept as evidence, forged ones too: a flood from one address is cut off before it fills the table
  api.use('/gateways', rateLimit({ windowMs: 60_000, limit: 1200, standardHeaders: 'draft-8', legacyHeaders: false, handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')) }));
  api.use(paymentCallbackRouter(ctx));
  api.use(carrierCallbackRouter(ctx));
  // BPMN files up to the modeler's own limit: before the 1 MB parser
  api.use(modelerRouter(ctx, authenticate(ctx.tokens)));
  api.use(express.json({ limit: '1mb' }));
  api.get('/openapi.json', (_req, res) => void res.json(document));
  api.use(healthRouter(ctx));
  api.use(authRouter(ctx.tokens));
  api.use(catalogRouter());
  api.use(bundlesRouter());
  api.use(calendarRouter(ctx.config, authenticate(ctx.tokens)));
  api.use(catalogEditingRouter(ctx, authenticate(ctx.tokens)));
  api.use(formsRouter(ctx, authenticate(ctx.tokens)));
  api.use(engineEventsRouter(ctx));
  api.use(paymentsRouter(ctx, authenticate(ctx.tokens)));
  // 办件查询 by case number and phone, without signing in
  api.use(publicLookupRouter(ctx));
  api.use(authenticate(ctx.tokens));
  api.use(attachmentsRouter(ctx.config));
  api.use(casesRouter(ctx));
  api.use(deliveriesRouter(ctx));
  api.use(tasksRouter(ctx));
  api.use(sealsRouter(ctx));
  api.use(eLicensesRouter(ctx));
  api.use(ratingsRouter(ctx));
  api.use(staffRouter());
  api.use(routeNotFound);

  app.use('/api/v1', api);
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(document as swaggerUi.JsonObject));
  app.use(webRouter(ctx.config.webDir));
  app.use(routeNotFound);
  app.use(errorMiddleware);
  return app;
}
