// The messenger a function uses, chosen by MESSENGER (wechat | log, default log), built once per process.
import { config, optionalEnv } from '../config';
import { createLoggingMessenger, type WechatMessenger } from './messenger';
import { createWechatMessenger } from './wechatMessenger';

let shared: WechatMessenger | undefined;

export function messengerFromEnv(): WechatMessenger {
  if (!shared) {
    shared =
      optionalEnv('MESSENGER', 'log') === 'wechat'
        ? createWechatMessenger({
            appId: config.wechatAppId(),
            appSecret: config.wechatAppSecret(),
            apiBase: config.wechatApiBase(),
          })
        : createLoggingMessenger();
  }
  return shared;
}
