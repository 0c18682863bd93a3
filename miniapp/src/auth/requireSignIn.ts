// Browse first, sign in on an action (WeChat 帐号登录规范). Every action that needs a user (报名, 发布, 点赞, 领取,
// 签到, 预约) starts with `if (!(await requireSignIn())) return;` and then carries on: signed in already → at once;
// on WeChat a silent wx.login, no page in between; on H5 a sign-in sheet over the current page. Declining
// (暂不登录) resolves false and leaves the user where they were, still browsing.
import { getToken } from './session';
import { promptSignIn } from './signInPrompt';

type SignIn = (code: string) => Promise<unknown>;

let signInWithCode: SignIn | null = null;
let pending: Promise<boolean> | null = null;

/** AuthProvider registers how a code becomes a session (POST /v1/auth/login, then the app's signed-in state). */
export function registerSignIn(signIn: SignIn): () => void {
  signInWithCode = signIn;
  return () => {
    if (signInWithCode === signIn) signInWithCode = null;
  };
}

/** Resolves true once the user is signed in (asking only if needed), false when they declined. */
export function requireSignIn(): Promise<boolean> {
  if (getToken()) return Promise.resolve(true);
  // Several taps or several 401s at once ask once.
  if (pending) return pending;
  const signIn = signInWithCode;
  if (!signIn) return Promise.reject(new Error('requireSignIn before <AuthProvider> mounted (see app.tsx)'));
  pending = promptSignIn(async (code) => {
    await signIn(code);
  }).finally(() => {
    pending = null;
  });
  return pending;
}
