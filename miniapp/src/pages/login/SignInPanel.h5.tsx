// H5 runs against the local provider (`npm start`, tests): the account name becomes the code `dev:<account>`.
import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import { useState } from 'react';
import { toApiError } from '../../api/client';
import type { SignInPanelProps } from './SignInPanel.types';

const ACCOUNT = /^[A-Za-z0-9_-]{1,64}$/;
const SUGGESTED = [
  { account: 'admin', label: 'admin（管理员）' },
  { account: 'zhangsan', label: 'zhangsan' },
  { account: 'lisi', label: 'lisi' },
];

export function SignInPanel({ onSignIn }: SignInPanelProps) {
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function submit(name = account.trim()) {
    if (!ACCOUNT.test(name)) {
      setMessage('账号为 1–64 位字母、数字、下划线或短横线');
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      await onSignIn(`dev:${name}`);
    } catch (err) {
      setMessage(toApiError(err).message);
      setBusy(false);
    }
  }

  return (
    <View className="rc-login__panel">
      <View className="rc-login__label">开发登录（本地环境）</View>
      <Input
        className="rc-login__input"
        name="account"
        placeholder="输入账号，如 admin 或 zhangsan"
        value={account}
        maxLength={64}
        onChange={(value) => setAccount(value)}
        onConfirm={() => void submit()}
      />
      {message ? <View className="rc-login__message">{message}</View> : null}
      <Button
        className="rc-login__submit"
        type="primary"
        block
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        登录
      </Button>
      <View className="rc-login__hint">本地环境使用登录码 dev:账号；admin 拥有管理员权限。</View>
      <View className="rc-login__quick">
        {SUGGESTED.map(({ account: name, label }) => (
          <View key={name} className="rc-login__chip" onClick={() => !busy && void submit(name)}>
            {label}
          </View>
        ))}
      </View>
    </View>
  );
}
