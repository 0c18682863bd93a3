// The one way the mini-program talks to the API: base URL per platform, bearer token, the contract's error body
// turned into ApiError (Chinese message), sign-in on 401, and an Idempotency-Key on every POST.
import Taro from '@tarojs/taro';
import { getToken, setToken } from '../auth/session';
import { goToSignIn } from '../navigation';
import { API_BASE } from './baseUrl';
import { ApiError } from './errors';
import { ActionKeys } from './idempotencyKey';

export { ApiError, explain, toApiError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /**
   * Rarely needed: when absent, a POST gets the key of its action (`ActionKeys`: the same POST retried after no
   * answer, a 5xx, 409 REQUEST_IN_PROGRESS or 429 reuses it; a final answer retires it), and an identical POST
   * already in flight (a double tap) is joined rather than sent again.
   */
  idempotencyKey?: string;
  /** `false` for the few public calls (sign-in): no token, and a 401 does not send the user to sign in. */
  auth?: boolean;
  /** ms; default 15 s. */
  timeout?: number;
}

const inFlightPosts = new Map<string, Promise<unknown>>();
/** The one place the key rule lives for every POST that creates something (sign-up, claim, message, check-in, …). */
const actionKeys = new ActionKeys();

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${API_BASE}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data ?? null;
  if (data === '') return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

async function send<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
  if (method !== 'POST' || options.idempotencyKey) {
    const reply = await sendOnce<T>(method, path, options);
    if (method !== 'GET') actionKeys.changed(path);
    return reply;
  }
  const action = postSignature(path, options);
  const idempotencyKey = actionKeys.keyFor(action);
  try {
    const reply = await sendOnce<T>(method, path, { ...options, idempotencyKey });
    actionKeys.settle(action, idempotencyKey, 200);
    actionKeys.changed(path);
    return reply;
  } catch (err) {
    const { status, code } = err instanceof ApiError ? err : { status: 0, code: '' };
    actionKeys.settle(action, idempotencyKey, status, code);
    throw err;
  }
}

function postSignature(path: string, options: RequestOptions): string {
  return `${path}\n${JSON.stringify(options.query ?? {})}\n${JSON.stringify(options.body ?? null)}`;
}

async function sendOnce<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
  const auth = options.auth !== false;
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = auth ? getToken() : null;
  if (token) header.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) header['Content-Type'] = 'application/json';
  if (method === 'POST' && options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;

  let response: Taro.request.SuccessCallbackResult<string>;
  try {
    response = await Taro.request({
      url: buildUrl(path, options.query),
      method,
      header,
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      // Parse ourselves: error bodies and non-JSON replies are handled the same way on every platform.
      dataType: 'text',
      responseType: 'text',
      timeout: options.timeout ?? 15_000,
    });
  } catch (err) {
    throw ApiError.network(err);
  }

  const body = parseBody(response.data);
  const status = response.statusCode;
  if (status >= 200 && status < 300) return body as T;

  const error = ApiError.fromResponse(status, body);
  if (status === 401 && auth) {
    setToken(null);
    goToSignIn();
  }
  throw error;
}

export function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  if (method !== 'POST' || options.idempotencyKey) return send<T>(method, path, options);
  // A double tap sends the same POST twice before the first reply: join the first instead of submitting again.
  const signature = postSignature(path, options);
  const pending = inFlightPosts.get(signature);
  if (pending) return pending as Promise<T>;
  const call = send<T>(method, path, options).finally(() => inFlightPosts.delete(signature));
  inFlightPosts.set(signature, call);
  return call;
}

/** Typed helpers; `path` is relative to /v1, e.g. `api.get<UserReply>('/me')`. */
export const api = {
  get: <T>(
    path: string,
    query?: Record<string, QueryValue>,
    options?: Omit<RequestOptions, 'query' | 'body'>,
  ) => request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('DELETE', path, options),
};
