// Chooses the content checker from the environment: CONTENT_CHECK=local (default) | wechat.
import { config, optionalEnv } from '../../lib/config';
import { createLocalChecker } from './localChecker';
import type { ContentChecker } from './types';
import { createWechatChecker } from './wechatChecker';

let local: ContentChecker | undefined;

export function contentCheckerFromEnv(): ContentChecker {
  const kind = optionalEnv('CONTENT_CHECK', 'local');
  if (kind === 'wechat') {
    return createWechatChecker({
      appId: config.wechatAppId(),
      appSecret: config.wechatAppSecret(),
      apiBase: config.wechatApiBase(),
    });
  }
  if (kind !== 'local') throw new Error(`CONTENT_CHECK must be local or wechat, not ${kind}`);
  local ??= createLocalChecker();
  return local;
}

export type { ContentChecker, ContentVerdict, ContentSuggest } from './types';
