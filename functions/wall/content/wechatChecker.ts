// WeChat content check: msgSecCheck v2 (POST /wxa/msg_sec_check, scene 2 = comments) with an access_token from
// /cgi-bin/stable_token. Fails closed: any error of WeChat's side or the network yields `review`, never `pass`.
import { logger } from '../../lib/logger';
import type { ContentChecker, ContentSuggest, ContentVerdict } from './types';

export interface WechatCheckerOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
}

interface StableTokenReply {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

interface MsgSecCheckReply {
  errcode?: number;
  errmsg?: string;
  result?: { suggest?: string; label?: number };
}

/** access_token errors after which a fresh token is worth one retry. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** WeChat's label codes (subset), shown to staff. */
const LABELS: Record<number, string> = {
  100: 'normal',
  10001: 'advertising',
  20001: 'politics',
  20002: 'pornography',
  20003: 'abuse',
  20006: 'illegal',
  20008: 'fraud',
  20012: 'vulgar',
  20013: 'copyright',
  21000: 'other',
};

interface CachedToken {
  token: string;
  expiresAtMs: number;
}
const tokenCache = new Map<string, CachedToken>();

class WechatCallError extends Error {}

async function postJson<T>(url: URL, body: unknown, timeoutMs: number): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new WechatCallError(`HTTP ${res.status} from ${url.pathname}`);
  return (await res.json()) as T;
}

export function createWechatChecker(options: WechatCheckerOptions): ContentChecker {
  const timeoutMs = options.timeoutMs ?? 3000;
  const cacheKey = `${options.apiBase}|${options.appId}`;

  async function accessToken(): Promise<string> {
    const cached = tokenCache.get(cacheKey);
    if (cached && cached.expiresAtMs > Date.now()) return cached.token;
    const reply = await postJson<StableTokenReply>(
      new URL('/cgi-bin/stable_token', options.apiBase),
      {
        grant_type: 'client_credential',
        appid: options.appId,
        secret: options.appSecret,
        force_refresh: false,
      },
      timeoutMs,
    );
    if (!reply.access_token)
      throw new WechatCallError(`stable_token errcode ${reply.errcode ?? 'none'}: ${reply.errmsg ?? ''}`);
    // Renew five minutes early so a token never expires in flight.
    const lifetimeMs = Math.max(60, (reply.expires_in ?? 7200) - 300) * 1000;
    tokenCache.set(cacheKey, { token: reply.access_token, expiresAtMs: Date.now() + lifetimeMs });
    return reply.access_token;
  }

  async function msgSecCheck(text: string, openid: string): Promise<MsgSecCheckReply> {
    const url = new URL('/wxa/msg_sec_check', options.apiBase);
    url.searchParams.set('access_token', await accessToken());
    return postJson<MsgSecCheckReply>(url, { content: text, version: 2, scene: 2, openid }, timeoutMs);
  }

  const unchecked = (why: string): ContentVerdict => ({
    suggest: 'review',
    provider: 'wechat',
    label: `unchecked: ${why}`,
  });

  return {
    name: 'wechat',
    async check({ text, openid }): Promise<ContentVerdict> {
      try {
        let reply = await msgSecCheck(text, openid);
        if (reply.errcode !== undefined && TOKEN_ERRORS.has(reply.errcode)) {
          tokenCache.delete(cacheKey);
          reply = await msgSecCheck(text, openid);
        }
        const errcode = reply.errcode ?? 0;
        if (errcode !== 0) {
          logger.warn('msgSecCheck refused', { errcode, errmsg: reply.errmsg });
          return unchecked(`errcode ${errcode}`);
        }
        const suggest = reply.result?.suggest;
        if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return unchecked('no suggest');
        const labelCode = reply.result?.label;
        const label = labelCode === undefined ? null : (LABELS[labelCode] ?? String(labelCode));
        return {
          suggest: suggest as ContentSuggest,
          provider: 'wechat',
          label: suggest === 'pass' ? null : label,
        };
      } catch (err) {
        logger.warn('msgSecCheck unavailable', { error: err instanceof Error ? err.message : String(err) });
        return unchecked('unavailable');
      }
    },
  };
}

/** For tests: forget cached access tokens. */
export function clearWechatTokenCache(): void {
  tokenCache.clear();
}
