// Nicknames pass the same content check as wall messages (the wall's checker: msgSecCheck on WeChat, the word list
// locally), with WeChat's scene for profiles. Anything but a clean pass is refused, so a nickname the wall would not
// publish never reaches the wall (or a roll-call) through a profile.
import { UnprocessableError } from '../lib/errors';
import { countDaily } from '../lib/metrics';
import { contentCheckerFromEnv } from '../wall/content';

/** msgSecCheck scene 1: 资料 (profiles). */
const PROFILE_SCENE = 1;

export const nicknameCheck = {
  async assertAcceptable(nickname: string, openid: string): Promise<void> {
    const verdict = await contentCheckerFromEnv().check({ text: nickname, openid, scene: PROFILE_SCENE });
    if (verdict.suggest === 'pass') return;
    await countDaily('profiles.nickname_refused');
    throw new UnprocessableError(
      'CONTENT_REJECTED',
      verdict.suggest === 'risky' ? '昵称含有不适宜的内容，请修改' : '昵称未通过内容安全检查，请换一个昵称',
    );
  },
};
