// WeChat subscribe messages: an access token from /cgi-bin/stable_token (cached until shortly before it expires),
// then /cgi-bin/message/subscribe/send. Tested against a local HTTP stand-in of these two endpoints.
import { MessageRefusedError, type SubscribeMessage, type WechatMessenger } from './messenger';

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** Token no longer valid: fetch a fresh one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Retrying cannot help: no consent left (43101), bad openid (40003), bad template or data (40037, 47003), user blocked (43107). */
const PERMANENT_ERRORS = new Set([43101, 40003, 40037, 47003, 43107]);

export interface WechatMessengerOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
  /** developer | trial | formal: which version of the mini-program the message opens. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
  now?: () => number;
}

export function createWechatMessenger(options: WechatMessengerOptions): WechatMessenger {
  const now = options.now ?? Date.now;
  let token: { value: string; expiresAt: number } | null = null;

  async function post(path: string, body: unknown): Promise<WechatReply> {
    const res = await fetch(new URL(path, options.apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!res.ok) throw new Error(`WeChat ${path.split('?')[0]} HTTP ${res.status}`);
    return (await res.json()) as WechatReply;
  }

  async function accessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && token && token.expiresAt > now()) return token.value;
    const reply = await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.appSecret,
      force_refresh: forceRefresh,
    });
    if (!reply.access_token) throw new Error(`stable_token errcode ${reply.errcode}: ${reply.errmsg}`);
    // Refresh five minutes early so a token never expires in flight.
    token = {
      value: reply.access_token,
      expiresAt: now() + Math.max(60, (reply.expires_in ?? 7200) - 300) * 1000,
    };
    return token.value;
  }

  return {
    async send(message: SubscribeMessage): Promise<void> {
      for (let attempt = 0; attempt < 2; attempt++) {
        const value = await accessToken(attempt > 0);
        const reply = await post(
          `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(value)}`,
          {
            touser: message.touser,
            template_id: message.templateId,
            page: message.page,
            data: message.data,
            miniprogram_state: options.miniprogramState ?? 'formal',
            lang: 'zh_CN',
          },
        );
        const errcode = reply.errcode ?? 0;
        if (errcode === 0) return;
        if (TOKEN_ERRORS.has(errcode) && attempt === 0) continue;
        if (PERMANENT_ERRORS.has(errcode)) throw new MessageRefusedError(errcode, reply.errmsg ?? 'refused');
        throw new Error(`subscribe/send errcode ${errcode}: ${reply.errmsg}`);
      }
      throw new Error('subscribe/send: access token refused twice');
    },
  };
}
