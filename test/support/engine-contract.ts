import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'chai';
import type { ValidateFunction } from 'ajv';
import { newAjv } from '../../contract/validation/setup.ts';
import { EngineClient } from '../../server/engine/client.ts';
import { ENGINE_CALL_ANSWERS, engineErrorSchema, type AnswerContract, type EngineCall } from '../../server/engine/contract-schemas.ts';
import { startInterceptingProxy } from './intercepting-proxy.ts';

/** One request to the engine and its answer, as they crossed the recording proxy. */
export interface Exchange {
  method: string;
  /** below the engine's base path, with the query */
  path: string;
  requestBody: string;
  requestType: string | null;
  status: number;
  contentType: string | null;
  body: string;
  startedAt: number;
  ms: number;
}

/**
 * A loopback proxy in front of the engine that keeps every exchange (the test's own calls only:
 * the platform's server and workers talk to the engine directly).
 */
export async function startRecordingProxy(engineUrl: string) {
  const exchanges: Exchange[] = [];
  const target = engineUrl.replace(/\/$/, '');
  const proxy = await startInterceptingProxy(target, (req: IncomingMessage, res: ServerResponse, path: string) => {
    void forward(req, res, path);
    return true;
  });
  async function forward(req: IncomingMessage, res: ServerResponse, path: string) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const startedAt = Date.now();
    try {
      const answer = await fetch(`${target}${path}`, { method: req.method, headers, body: requestBody.length ? requestBody : undefined });
      const body = Buffer.from(await answer.arrayBuffer());
      const contentType = answer.headers.get('content-type');
      exchanges.push({
        method: req.method ?? 'GET',
        path,
        requestBody: requestBody.toString('utf8'),
        requestType: headers['content-type'] ?? null,
        status: answer.status,
        contentType,
        body: body.toString('utf8'),
        startedAt,
        ms: Date.now() - startedAt,
      });
      res.writeHead(answer.status, contentType ? { 'content-type': contentType } : {});
      res.end(body);
    } catch {
      res.destroy();
    }
  }
  return { url: proxy.url, exchanges, close: () => proxy.close() };
}

const ajv = newAjv(true);
const compiled = new Map<object, ValidateFunction>();
const validatorOf = (schema: object) => {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
};

/** Fails, naming the call, unless the parsed answer answers the schema. */
export function checkAnswer(what: string, body: unknown, schema: object): void {
  const validate = validatorOf(schema);
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(the answer)'} ${e.message}`).join('; ');
    expect.fail(`${what} answered what the platform cannot read: ${problems}\n${JSON.stringify(body).slice(0, 800)}`);
  }
}

/** Fails, naming the call and the exchange, unless the JSON body answers the schema. */
export function expectAnswer(what: string, exchange: Exchange, schema: object): unknown {
  expect(exchange.contentType ?? '', `${what}: ${exchange.method} ${exchange.path} answers JSON`).to.match(/^application\/json/);
  const body: unknown = JSON.parse(exchange.body);
  checkAnswer(`${what}: ${exchange.method} ${exchange.path}`, body, schema);
  return body;
}

function expectContract(call: EngineCall, exchange: Exchange, contract: AnswerContract) {
  const what = `EngineClient.${call}`;
  if ('empty' in contract) {
    expect(exchange.status, `${what}: ${exchange.method} ${exchange.path} → ${exchange.body.slice(0, 300)}`).to.equal(204);
    expect(exchange.body, `${what}: no body`).to.equal('');
  } else if ('text' in contract) {
    expect(exchange.status, `${what}: ${exchange.method} ${exchange.path} → ${exchange.body.slice(0, 300)}`).to.equal(200);
    expect(exchange.contentType ?? '', `${what}: text`).to.match(/^text\/plain/);
  } else {
    expect(exchange.status, `${what}: ${exchange.method} ${exchange.path} → ${exchange.body.slice(0, 300)}`).to.equal(200);
    expectAnswer(what, exchange, contract.json);
  }
}

/** A refusal of the engine as EngineError reads it: its status, and a JSON body with the exception's type and message. */
export function expectRefusal(what: string, exchange: Exchange) {
  expect(exchange.status, `${what}: refused`).to.be.at.least(400);
  return expectAnswer(`${what} (refusal)`, exchange, engineErrorSchema) as { type: string; message: string };
}

/**
 * The platform's EngineClient on the recording proxy, each call checked as it returns: every answer
 * of a call that succeeded against the call's contract (ENGINE_CALL_ANSWERS), every refusal against
 * the engine's error body. Calls run one at a time (their exchanges are told apart by order).
 * `checked` collects the calls answered as their contract says; `last` is the latest call's exchanges.
 */
export function contractedClient(url: string, user: string, password: string, exchanges: Exchange[]) {
  const client = new EngineClient({ url, user, password });
  const checked = new Set<EngineCall>();
  const state = { busy: false, last: [] as Exchange[] };
  const wrapped = new Proxy(client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || !(name in ENGINE_CALL_ANSWERS)) return value;
      const call = name as EngineCall;
      return async (...args: unknown[]) => {
        if (state.busy) throw new Error(`EngineClient.${call} called while another call runs: the contract test calls one at a time`);
        state.busy = true;
        const from = exchanges.length;
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          state.last = exchanges.slice(from);
          expect(state.last.length, `EngineClient.${call} made a request`).to.be.at.least(1);
          for (const exchange of state.last) expectContract(call, exchange, ENGINE_CALL_ANSWERS[call]);
          checked.add(call);
          return result;
        } catch (err) {
          state.last = exchanges.slice(from);
          for (const exchange of state.last) if (exchange.status >= 400) expectRefusal(`EngineClient.${call}`, exchange);
          throw err;
        } finally {
          state.busy = false;
        }
      };
    },
  });
  return { client: wrapped, checked, lastExchanges: () => state.last };
}
