// WeChat subscribe messages: /cgi-bin/message/subscribe/send through a WeChat client of its own (functions/lib/
// wechat.ts: the stable access token, cached and renewed once when WeChat says it went stale). Tested against a
// local HTTP stand-in of WeChat's endpoints.
import { createWechatClient, TOKEN_ERRORS, type WechatReply } from '../wechat';
import { MessageRefusedError, type SubscribeMessage, type WechatMessenger } from './messenger';

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
  const client = createWechatClient({
    appId: options.appId,
    appSecret: options.appSecret,
    apiBase: options.apiBase,
    timeoutMs: options.timeoutMs,
    now: options.now,
  });
  return {
    async send(message: SubscribeMessage): Promise<void> {
      const reply = await client.postWithToken<WechatReply>('/cgi-bin/message/subscribe/send', {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: message.data,
        miniprogram_state: options.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      });
      const errcode = reply.errcode ?? 0;
      if (errcode === 0) return;
      // The client already renewed the token once; a second stale-token answer is not worth a third call.
      if (TOKEN_ERRORS.has(errcode)) throw new Error('subscribe/send: access token refused twice');
      if (PERMANENT_ERRORS.has(errcode)) throw new MessageRefusedError(errcode, reply.errmsg ?? 'refused');
      throw new Error(`subscribe/send errcode ${errcode}: ${reply.errmsg}`);
    },
  };
}
