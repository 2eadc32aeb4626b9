import { session } from './session.ts';
import type { ProblemDetail } from '../../../contract/problems.ts';

/** A field problem of an answer (contract/problems.ts), in the UI's language. */
export type { ProblemDetail };

/** An answer of the API other than 2xx: its code, its message (in the UI's language) and field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ProblemDetail[];

  constructor(status: number, code: string, message: string, details: ProblemDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message with every field problem, for a toast. */
  get fullMessage(): string {
    return [this.message, ...this.details.map((d) => d.message)].filter((m, i, all) => m && all.indexOf(m) === i).join('；');
  }
}

/** Told the API's code: token_invalid, session_idle (left alone too long) … */
type Listener = (code: string) => void;
const unauthorisedListeners = new Set<Listener>();
/** Called when the API says the token is no longer good (expired, ended, idle, or the account was disabled). */
export function onUnauthorised(listener: Listener): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

let language = 'zh-CN';
/** The API answers its messages and labels in this language. */
export function setApiLanguage(locale: string): void {
  language = locale;
}

export const API_BASE = '/api/v1';

async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': language };
  const token = session.token.value;
  if (token) headers.Authorization = `Bearer ${token}`;
  const form = body instanceof FormData;
  // a FormData's boundary is written by fetch itself
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      language === 'en' ? 'The server cannot be reached; check the network and try again' : '无法连接服务器，请检查网络后重试',
    );
  }
  if (res.ok) return res;
  const problem = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: ProblemDetail[] } } | null;
  if (res.status === 401 && token) for (const listener of unauthorisedListeners) listener(problem?.error?.code ?? 'unauthenticated');
  throw new ApiError(res.status, problem?.error?.code ?? 'http_error', problem?.error?.message ?? `HTTP ${res.status}`, problem?.error?.details ?? []);
}

export async function get<T>(path: string, query?: Record<string, string | undefined>): Promise<T> {
  const params = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
  const qs = params.toString();
  return (await send('GET', qs ? `${path}?${qs}` : path)).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  return (await send('POST', path, body)).json() as Promise<T>;
}

/** A POST of files and fields as multipart/form-data. */
export async function postForm<T>(path: string, data: FormData): Promise<T> {
  return (await send('POST', path, data)).json() as Promise<T>;
}

/** A POST whose answer has no body (204). */
export async function postEmpty(path: string, body: unknown = {}): Promise<void> {
  await send('POST', path, body);
}

export async function put<T>(path: string, body: unknown = {}): Promise<T> {
  return (await send('PUT', path, body)).json() as Promise<T>;
}

export async function patch<T>(path: string, body: unknown = {}): Promise<T> {
  return (await send('PATCH', path, body)).json() as Promise<T>;
}

/** A DELETE: the answer's JSON, or undefined when it has none (204). */
export async function del<T = undefined>(path: string, query?: Record<string, string | undefined>): Promise<T> {
  const params = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
  const qs = params.toString();
  const res = await send('DELETE', qs ? `${path}?${qs}` : path);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A file behind the bearer token, as a Blob: shown through a blob: URL (an <img> cannot send the token). */
export async function getBlob(path: string): Promise<Blob> {
  return (await send('GET', path, undefined, '*/*')).blob();
}
