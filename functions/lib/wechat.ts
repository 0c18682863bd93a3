// One client for WeChat's server API: JSON calls with a timeout, and the stable access token (/cgi-bin/stable_token)
// cached until five minutes before it expires, renewed once (force_refresh) when WeChat says it went stale.
// Features build their calls on it (subscribe messages, content checks, code2Session); tests point `apiBase` at a
// local HTTP stand-in of WeChat's endpoints.

export interface WechatClientOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
  now?: () => number;
}

/** Every WeChat reply may carry these. */
export interface WechatReply {
  errcode?: number;
  errmsg?: string;
}

interface StableTokenReply extends WechatReply {
  access_token?: string;
  expires_in?: number;
}

/** Token no longer valid: fetch a fresh one and try once more. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/** WeChat could not be reached, answered with an HTTP error, or refused to give a token. */
export class WechatCallError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'WechatCallError';
  }
}

export interface WechatClient {
  /** GET with query parameters (no access token), e.g. /sns/jscode2session. */
  get<T extends WechatReply>(path: string, params: Record<string, string>): Promise<T>;
  /** POST JSON with `access_token` in the query; a stale token is renewed and the call made once more. */
  postWithToken<T extends WechatReply>(path: string, body: unknown): Promise<T>;
  /** Drops the cached token (tests). */
  forgetToken(): void;
}

async function readJson<T>(res: Response, path: string): Promise<T> {
  if (!res.ok) throw new WechatCallError(`WeChat ${path} HTTP ${res.status}`);
  const reply = (await res.json()) as unknown;
  // `null`, a number or an array is as malformed as text that is not JSON.
  if (!reply || typeof reply !== 'object' || Array.isArray(reply))
    throw new WechatCallError(`WeChat ${path}: reply is not a JSON object`);
  return reply as T;
}

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  let token: { value: string; expiresAt: number } | null = null;

  async function post<T>(url: URL, body: unknown): Promise<T> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return readJson<T>(res, url.pathname);
  }

  async function accessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && token && token.expiresAt > now()) return token.value;
    const reply = await post<StableTokenReply>(new URL('/cgi-bin/stable_token', options.apiBase), {
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.appSecret,
      force_refresh: forceRefresh,
    });
    if (!reply.access_token)
      throw new WechatCallError(
        `stable_token errcode ${reply.errcode ?? 'none'}: ${reply.errmsg ?? ''}`,
        reply.errcode,
      );
    // Renew five minutes early so a token never expires in flight.
    token = {
      value: reply.access_token,
      expiresAt: now() + Math.max(60, (reply.expires_in ?? 7200) - 300) * 1000,
    };
    return token.value;
  }

  return {
    async get<T extends WechatReply>(path: string, params: Record<string, string>): Promise<T> {
      const url = new URL(path, options.apiBase);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      return readJson<T>(res, path);
    },

    async postWithToken<T extends WechatReply>(path: string, body: unknown): Promise<T> {
      let reply: T | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const url = new URL(path, options.apiBase);
        url.searchParams.set('access_token', await accessToken(attempt > 0));
        reply = await post<T>(url, body);
        if (!(reply.errcode !== undefined && TOKEN_ERRORS.has(reply.errcode))) return reply;
      }
      return reply!;
    },

    forgetToken() {
      token = null;
    },
  };
}
