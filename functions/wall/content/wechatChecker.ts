// WeChat content check: msgSecCheck v2 (POST /wxa/msg_sec_check; scene 2 = comments by default, 1 = profiles for
// nicknames) through the shared WeChat client (functions/lib/wechat.ts: stable_token cached, renewed once on a
// stale-token errcode). Fails closed: any error of WeChat's side or the network yields `review`, never `pass`.
import { createWechatClient, WechatCallError, type WechatClient, type WechatReply } from '../../lib/wechat';
import { logger } from '../../lib/logger';
import type { ContentChecker, ContentSuggest, ContentVerdict } from './types';

export interface WechatCheckerOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
}

interface MsgSecCheckReply extends WechatReply {
  result?: { suggest?: string; label?: number };
}

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

/**
 * One client per WeChat app (`apiBase|appId`), kept across checker instances so its cached access token is
 * reused by every check of the process. The first checker of an app fixes its secret and timeout.
 */
const clients = new Map<string, WechatClient>();

function clientFor(options: WechatCheckerOptions): WechatClient {
  const key = `${options.apiBase}|${options.appId}`;
  let client = clients.get(key);
  if (!client) {
    client = createWechatClient({
      appId: options.appId,
      appSecret: options.appSecret,
      apiBase: options.apiBase,
      timeoutMs: options.timeoutMs ?? 3000,
    });
    clients.set(key, client);
  }
  return client;
}

const unchecked = (why: string): ContentVerdict => ({
  suggest: 'review',
  provider: 'wechat',
  label: `unchecked: ${why}`,
});

function verdictOf(reply: MsgSecCheckReply): ContentVerdict {
  const errcode = reply.errcode ?? 0;
  if (errcode !== 0) {
    logger.warn('msgSecCheck refused', { errcode, errmsg: reply.errmsg });
    return unchecked(`errcode ${errcode}`);
  }
  const suggest = reply.result?.suggest;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return unchecked('no suggest');
  const labelCode = reply.result?.label;
  const label = labelCode === undefined ? null : (LABELS[labelCode] ?? String(labelCode));
  return { suggest: suggest as ContentSuggest, provider: 'wechat', label: suggest === 'pass' ? null : label };
}

export function createWechatChecker(options: WechatCheckerOptions): ContentChecker {
  const client = clientFor(options);
  return {
    name: 'wechat',
    async check({ text, openid, scene }): Promise<ContentVerdict> {
      let reply: MsgSecCheckReply;
      try {
        reply = await client.postWithToken<MsgSecCheckReply>('/wxa/msg_sec_check', {
          content: text,
          version: 2,
          scene: scene ?? 2,
          openid,
        });
      } catch (err) {
        // WechatCallError (HTTP error, malformed reply, no token), a timeout, or the network.
        logger.warn('msgSecCheck unavailable', {
          error: err instanceof Error ? err.message : String(err),
          kind: err instanceof WechatCallError ? 'wechat' : err instanceof Error ? err.name : 'unknown',
        });
        return unchecked('unavailable');
      }
      return verdictOf(reply);
    },
  };
}

/** For tests: forget the clients, and with them their cached access tokens. */
export function clearWechatTokenCache(): void {
  clients.clear();
}
