import type { AppContext } from '../context.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { closeRequest, confirmFill, fillField, postMessage, rateRequest, setConsent, updateForm } from './conversation.ts';
import { figuresFor } from './figures.ts';
import { currentRequest, helpQueue, joinRequest, raiseRequest, requestDetail } from './requests.ts';

const APPLICANTS = roles('applicant');
/** the centre's clerks (帮办员: the domain checks the department) */
const HELPERS = roles('clerk');
/** the applicant of the request or the helper who joined it (the domain checks which) */
const PARTIES = roles('applicant', 'clerk');

/** 线上帮办 (documented in ./openapi.ts): requests, the conversation, consent and fills, closing and rating, the figures. */
export function onlineHelpRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.post('/online-help/requests', APPLICANTS, async (req, res) => {
    const { request, created } = await raiseRequest(ctx, req.principal!, req.body ?? {});
    res.status(created ? 201 : 200).json(request);
  });
  routes.get('/online-help/requests', HELPERS, async (req, res) => {
    res.json(await helpQueue(req.principal!));
  });
  routes.get('/online-help/current', APPLICANTS, async (req, res) => {
    res.json(await currentRequest(req.principal!, req.query));
  });
  routes.get('/online-help/figures', roles('clerk', 'leader', 'admin'), async (req, res) => {
    res.json(await figuresFor(req.principal!, req.query, negotiateLocale(req.headers['accept-language'])));
  });
  routes.get('/online-help/requests/:id', PARTIES, async (req, res) => {
    res.json(await requestDetail(req.principal!, String(req.params.id)));
  });
  routes.post('/online-help/requests/:id/join', HELPERS, async (req, res) => {
    res.json(await joinRequest(ctx, req.principal!, String(req.params.id)));
  });
  routes.post('/online-help/requests/:id/messages', PARTIES, async (req, res) => {
    res.status(201).json(await postMessage(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.put('/online-help/requests/:id/form', APPLICANTS, async (req, res) => {
    res.json(await updateForm(req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.put('/online-help/requests/:id/consent', APPLICANTS, async (req, res) => {
    res.json(await setConsent(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.post('/online-help/requests/:id/fills', HELPERS, async (req, res) => {
    res.status(201).json(await fillField(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.post('/online-help/requests/:id/confirmations', APPLICANTS, async (req, res) => {
    res.status(201).json(await confirmFill(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.post('/online-help/requests/:id/close', PARTIES, async (req, res) => {
    res.json(await closeRequest(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  routes.post('/online-help/requests/:id/rating', APPLICANTS, async (req, res) => {
    res.json(await rateRequest(ctx, req.principal!, String(req.params.id), req.body ?? {}));
  });
  return routes;
}
