// WeChat: wx.login gives a one-time code that the API exchanges with WeChat (code2Session). Tried once on arrival;
// the button retries.
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useEffect, useState } from 'react';
import { toApiError } from '../../api/client';
import type { SignInPanelProps } from './SignInPanel.types';

export function SignInPanel({ onSignIn }: SignInPanelProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function signIn() {
    setBusy(true);
    setMessage('');
    try {
      const { code } = await Taro.login();
      if (!code) throw new Error('wx.login returned no code');
      await onSignIn(code);
    } catch (err) {
      setMessage(toApiError(err).code === 'CLIENT_ERROR' ? '微信登录失败，请重试' : toApiError(err).message);
      setBusy(false);
    }
  }

  useEffect(() => {
    void signIn();
    // Once, on arrival.
  }, []);

  return (
    <View className="rc-login__panel">
      <View className="rc-login__label">{busy ? '正在使用微信登录…' : '使用微信账号登录'}</View>
      {message ? <View className="rc-login__message">{message}</View> : null}
      <Button
        className="rc-login__submit"
        type="primary"
        block
        loading={busy}
        disabled={busy}
        onClick={() => void signIn()}
      >
        微信一键登录
      </Button>
      <View className="rc-login__hint">登录即表示同意以微信身份使用红色商圈服务。</View>
    </View>
  );
}
