// WeChat provider: code2Session (GET /sns/jscode2session) exchanges a wx.login code for the openid.
import { config } from '../../lib/config';
import { ForbiddenError, RateLimitedError, UnauthenticatedError, UnavailableError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import type { SignInIdentity, SignInProvider } from './types';

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

export function createWechatProvider(options: {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs?: number;
}): SignInProvider {
  return {
    name: 'wechat',
    async exchange(code: string): Promise<SignInIdentity> {
      const url = new URL('/sns/jscode2session', options.apiBase);
      url.searchParams.set('appid', options.appId);
      url.searchParams.set('secret', options.appSecret);
      url.searchParams.set('js_code', code);
      url.searchParams.set('grant_type', 'authorization_code');
      let reply: Code2SessionReply;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
        if (!res.ok) throw new Error(`code2Session HTTP ${res.status}`);
        reply = (await res.json()) as Code2SessionReply;
        // `null`, a number or an array is as malformed as text that is not JSON (WeChat's side: 503, retry).
        if (!reply || typeof reply !== 'object' || Array.isArray(reply))
          throw new Error('code2Session reply is not a JSON object');
      } catch (err) {
        throw new UnavailableError(err);
      }
      const errcode = reply.errcode ?? 0;
      if (errcode === 0 && typeof reply.openid === 'string' && reply.openid !== '') {
        return {
          openid: reply.openid,
          ...(typeof reply.unionid === 'string' ? { unionid: reply.unionid } : {}),
        };
      }
      logger.warn('code2Session refused', { errcode, errmsg: reply.errmsg });
      switch (errcode) {
        case 40029:
        case 40163:
          throw new UnauthenticatedError('微信登录凭证无效或已使用，请重新登录');
        case 45011:
          throw new RateLimitedError(60, '登录过于频繁，请稍后再试');
        case 40226:
          throw new ForbiddenError('该微信账号存在安全风险，暂无法登录');
        default:
          // -1 (system busy) and anything unknown: WeChat's side, safe to retry.
          throw new UnavailableError(new Error(`code2Session errcode ${errcode}`));
      }
    },
  };
}

export function wechatProviderFromEnv(): SignInProvider {
  return createWechatProvider({
    appId: config.wechatAppId(),
    appSecret: config.wechatAppSecret(),
    apiBase: config.wechatApiBase(),
    timeoutMs: config.wechatTimeoutMs(),
  });
}
