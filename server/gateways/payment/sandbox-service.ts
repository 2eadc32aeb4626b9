import express from 'express';
import type { SandboxTransfer } from './sandbox-orders.ts';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { CallbackCourier } from '../sandbox/callback-courier.ts';
import { CallbackDispatcher, DEFAULT_DISPATCH, type DispatcherOptions } from '../sandbox/callback-dispatcher.ts';
import { JsonFileStore } from '../sandbox/json-file-store.ts';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';
import { SandboxOrderBook, type NotifyPlan, type PaymentSandboxState, type SandboxOrder } from './sandbox-orders.ts';
import { signNotification } from './notification-signature.ts';
import { merchantApi, orderView, paymentControlApi, payPages } from './sandbox-routes.ts';

export interface PaymentSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** the gateway's signing key pair (PEM); generated, and kept in dataFile if there is one, when absent */
  keys?: { privateKeyPem: string; publicKeyPem: string };
  /** keeps orders, refunds, owed notifications and a generated key across restarts */
  dataFile?: string;
  /** how new orders notify until the control API says otherwise; default 'once' */
  defaultNotify?: NotifyPlan;
  /** notification retries and timeout; tests shorten them */
  dispatch?: Partial<DispatcherOptions>;
  /** base of payUrl when payers reach the sandbox through another address (a proxy) */
  publicUrl?: string;
}

/** In-process equivalent of the control API, for tests. */
export interface PaymentSandboxControl {
  pay(orderNo: string, plan?: NotifyPlan): ReturnType<typeof orderView> & { notifyId: string; notify: NotifyPlan };
  setNotify(orderNo: string, plan: NotifyPlan): void;
  close(orderNo: string): void;
  /** the sandbox's full record, including every notification attempt */
  order(orderNo: string): SandboxOrder;
  orderByMerchantNo(merchantOrderNo: string): SandboxOrder;
  /** the next merchant API calls fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
  /** how many injected faults are still to come */
  faultsLeft(): number;
  /** 代发: every payout made, oldest first */
  transfers(): SandboxTransfer[];
}

export interface PaymentSandbox {
  url: string;
  /** what the platform configures to verify notifications */
  publicKeyPem: string;
  control: PaymentSandboxControl;
  close(): Promise<void>;
}

/**
 * Starts the sandbox payment gateway: its own small HTTP service with the merchant API (/api),
 * the payer's cashier pages (/pay) and a sandbox-only control API (/sandbox). See README.md.
 */
export async function startPaymentSandbox(options: PaymentSandboxOptions = {}): Promise<PaymentSandbox> {
  const store = new JsonFileStore<PaymentSandboxState>(options.dataFile);
  const state = store.load(() => ({ orders: {}, refunds: {} }));
  const keys = options.keys ?? state.keys ?? generateKeys();
  if (!options.keys && !state.keys) state.keys = keys;
  const privateKey = createPrivateKey(keys.privateKeyPem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();

  const book = new SandboxOrderBook(state, store, options.defaultNotify ?? { mode: 'once' });
  book.save();
  const dispatcher = new CallbackDispatcher({ ...DEFAULT_DISPATCH, ...options.dispatch });
  const courier = new CallbackCourier(
    dispatcher,
    (body) => signNotification(privateKey, body),
    () => book.save(),
  );
  const notify = (order: SandboxOrder) => order.notification && courier.send(order.orderNo, order.notification);
  const faults = new FaultInjector();

  const control: PaymentSandboxControl = {
    pay(orderNo, plan) {
      const order = book.pay(orderNo, plan);
      notify(order);
      return { ...orderView(book, order), notifyId: order.notification!.notifyId, notify: order.notifyPlan };
    },
    setNotify: (orderNo, plan) => void book.setNotifyPlan(orderNo, plan),
    close: (orderNo) => void book.close(orderNo),
    order: (orderNo) => structuredClone(book.byOrderNo(orderNo)),
    orderByMerchantNo: (merchantOrderNo) => structuredClone(book.byMerchantOrderNo(merchantOrderNo)),
    injectFaults: (plan) => faults.set(plan),
    faultsLeft: () => faults.remaining(),
    transfers: () => structuredClone(Object.values(book.state.transfers ?? {})),
  };

  let baseUrl = '';
  const publicUrl = () => (options.publicUrl ?? baseUrl).replace(/\/+$/, '');
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', faults.middleware, jsonBody, merchantApi(book, publicUrl));
  app.use('/pay', payPages(book, control));
  app.get('/sandbox/public-key', (_req, res) => void res.type('text/plain').send(publicKeyPem));
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.use('/sandbox', jsonBody, paymentControlApi(control));
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  baseUrl = server.url;
  for (const order of book.pendingNotifications()) notify(order);

  return {
    url: server.url,
    publicKeyPem,
    control,
    async close() {
      dispatcher.close();
      await server.close();
    },
  };
}

function generateKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
