// Local provider (npm start, tests): accepts `dev:<openid>`.
import { ValidationError } from '../../lib/errors';
import type { SignInIdentity, SignInProvider } from './types';

const DEV_CODE = /^dev:([A-Za-z0-9_-]{1,64})$/;

export const localProvider: SignInProvider = {
  name: 'local',
  async exchange(code: string): Promise<SignInIdentity> {
    const match = DEV_CODE.exec(code);
    if (!match)
      throw new ValidationError({ code: '本地登录码格式应为 dev:<openid>（1–64 位字母、数字、_ 或 -）' });
    return { openid: match[1] };
  },
};
