// WeChat: wx.login needs no consent and shows nothing, so signing in on an action is silent — no page in between.
// Only a failure asks: 重试, or 暂不登录 to stay where the user was.
import Taro from '@tarojs/taro';
import { toApiError } from '../api/errors';

async function loginOnce(signIn: (code: string) => Promise<void>): Promise<void> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  await signIn(code);
}

export async function promptSignIn(signIn: (code: string) => Promise<void>): Promise<boolean> {
  for (;;) {
    void Taro.showLoading({ title: '正在登录', mask: true });
    try {
      await loginOnce(signIn);
      return true;
    } catch (err) {
      const apiError = toApiError(err);
      const message = apiError.code === 'CLIENT_ERROR' ? '微信登录失败' : apiError.message;
      void Taro.hideLoading();
      const choice = await Taro.showModal({
        title: '登录失败',
        content: `${message}，是否重试？`,
        confirmText: '重试',
        cancelText: '暂不登录',
        confirmColor: '#c8161d',
      });
      if (!choice.confirm) return false;
    } finally {
      void Taro.hideLoading();
    }
  }
}
