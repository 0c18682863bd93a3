// What 我的 shows a stranger: they are browsing, and one tap signs them in (requireSignIn) — no page in between.
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { Icon } from '../components/Icon';
import { buttonProps } from '../lib/buttonProps';
import { requireSignIn } from './requireSignIn';
import './auth.scss';

export function SignInCard() {
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setBusy(true);
    try {
      await requireSignIn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="rc-auth-card">
      <View className="rc-auth-card__avatar">
        <Icon name="user" color="white" size="xl" />
      </View>
      <View className="rc-auth-card__who">
        <View className="rc-auth-card__title">未登录</View>
        <View className="rc-auth-card__desc">浏览无需登录；报名、发布、点赞、领取、签到和预约时再登录。</View>
      </View>
      <Button
        className="rc-auth-card__button"
        {...buttonProps({ loading: busy, disabled: busy, onClick: () => void signIn() })}
      >
        登录
      </Button>
    </View>
  );
}
