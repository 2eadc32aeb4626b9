import express from 'express';
import { randomBytes } from 'node:crypto';
import { CallbackCourier } from '../sandbox/callback-courier.ts';
import { CallbackDispatcher, DEFAULT_DISPATCH, type DispatcherOptions } from '../sandbox/callback-dispatcher.ts';
import { JsonFileStore } from '../sandbox/json-file-store.ts';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';
import type { WaybillEvent } from './carrier.ts';
import { signCallback } from './callback-signature.ts';
import { carrierApi, carrierControlApi } from './sandbox-routes.ts';
import {
  SandboxWaybillBook,
  type CallbackOptions,
  type CarrierSandboxState,
  type SandboxEvent,
  type SandboxWaybill,
  type StrayCallback,
} from './sandbox-waybills.ts';

export interface CarrierSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** the HMAC secret shared with the platform; generated (and kept in dataFile if there is one) when absent */
  callbackSecret?: string;
  /** keeps waybills, events, owed callbacks and a generated secret across restarts */
  dataFile?: string;
  /** callback retries and timeout; tests shorten them */
  dispatch?: Partial<DispatcherOptions>;
}

/** In-process equivalent of the control API, for tests. */
export interface CarrierSandboxControl {
  /** one courier scan and its callback */
  record(waybillNo: string, event: WaybillEvent, options?: CallbackOptions): SandboxEvent;
  /** every scan from where the waybill is to `to`, each with its callback, in order */
  advance(waybillNo: string, to: WaybillEvent, options?: CallbackOptions): SandboxEvent[];
  /** a correctly signed callback about a waybill the platform never booked */
  strayCallback(callbackUrl: string, event: WaybillEvent, waybillNo?: string): StrayCallback;
  /** the sandbox's full record, including every callback attempt */
  waybill(waybillNo: string): SandboxWaybill;
  /** the next carrier API calls fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
}

export interface CarrierSandbox {
  url: string;
  /** what the platform configures to verify callbacks */
  callbackSecret: string;
  control: CarrierSandboxControl;
  close(): Promise<void>;
}

/**
 * Starts the sandbox carrier: its own small HTTP service with the carrier API (/api) and a
 * sandbox-only control API (/sandbox). See README.md.
 */
export async function startCarrierSandbox(options: CarrierSandboxOptions = {}): Promise<CarrierSandbox> {
  const store = new JsonFileStore<CarrierSandboxState>(options.dataFile);
  const state = store.load(() => ({ waybills: {}, strays: [] }));
  const callbackSecret = options.callbackSecret ?? state.callbackSecret ?? randomBytes(32).toString('base64url');
  if (!options.callbackSecret) state.callbackSecret = callbackSecret;

  const book = new SandboxWaybillBook(state, store);
  book.save();
  const dispatcher = new CallbackDispatcher({ ...DEFAULT_DISPATCH, ...options.dispatch });
  const courier = new CallbackCourier(
    dispatcher,
    (body) => signCallback(callbackSecret, body),
    () => book.save(),
  );
  const faults = new FaultInjector();

  const control: CarrierSandboxControl = {
    record(waybillNo, event, callbackOptions) {
      const recorded = book.record(waybillNo, event, callbackOptions);
      courier.send(waybillNo, recorded.callback);
      return structuredClone(recorded);
    },
    advance: (waybillNo, to, callbackOptions) => book.pathTo(waybillNo, to).map((event) => control.record(waybillNo, event, callbackOptions)),
    strayCallback(callbackUrl, event, waybillNo) {
      const stray = book.stray(callbackUrl, event, waybillNo);
      courier.send(stray.waybillNo, stray.callback);
      return structuredClone(stray);
    },
    waybill: (waybillNo) => structuredClone(book.byWaybillNo(waybillNo)),
    injectFaults: (plan) => faults.set(plan),
  };

  const app = express();
  app.disable('x-powered-by');
  app.use('/api', faults.middleware, jsonBody, carrierApi(book));
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.use('/sandbox', jsonBody, carrierControlApi(control));
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  for (const { key, callback } of book.pendingCallbacks()) courier.send(key, callback);

  return {
    url: server.url,
    callbackSecret,
    control,
    async close() {
      dispatcher.close();
      await server.close();
    },
  };
}
