import type { LoginReply } from '../../shared/api/users';
import { config } from '../lib/config';
import { issueSessionToken } from '../lib/tokens';
import { userService } from '../users/userService';
import { toPublicUser } from '../users/views';
import { localProvider } from './providers/local';
import type { SignInProvider } from './providers/types';
import { wechatProviderFromEnv } from './providers/wechat';

let provider: SignInProvider | undefined;

export function signInProvider(): SignInProvider {
  provider ??= config.authProvider() === 'wechat' ? wechatProviderFromEnv() : localProvider;
  return provider;
}

/** Forgets the provider chosen from the environment, so the next sign-in reads AUTH_PROVIDER & co. again (tests). */
export function resetSignInProvider(): void {
  provider = undefined;
}

export const authService = {
  async login(code: string, via: SignInProvider = signInProvider()): Promise<LoginReply> {
    const identity = await via.exchange(code);
    const user = await userService.signIn(identity.openid);
    return { token: await issueSessionToken(user.id), user: toPublicUser(user, true) };
  },
};
