import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError } from '../errors/app-error.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import { assertValid } from '../validation/ajv.ts';
import { reconcileDaySchema, type ReconcileDayBody } from '../../contract/requests/province.ts';
import { exchangeOf } from './sender.ts';
import { reconcileDay } from './reconcile.ts';

/** POST /operations/province/reconciliations {day}: an administrator reconciles a day now (audited). */
export async function reconcileNow(ctx: AppContext, principal: Principal, body: unknown) {
  const input = body ?? {};
  assertValid<ReconcileDayBody>(reconcileDaySchema, input);
  const exchange = exchangeOf(ctx.config);
  if (!exchange) throw new AppError(409, 'province_not_configured');
  try {
    const view = await reconcileDay(exchange, input.day, principal.username, ctx.logger);
    await recordAudit({ actor: principal.username, action: 'province.reconciled', target: input.day, detail: { matched: view.matched } });
    return view;
  } catch (err) {
    if (err instanceof GatewayUnavailableError || err instanceof GatewayRejectedError) {
      ctx.logger.warn({ day: input.day, error: err.message }, 'province reconciliation: the exchange did not answer');
      throw new AppError(503, 'province_unavailable');
    }
    throw err;
  }
}
