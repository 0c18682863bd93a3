import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { LegalLinks } from '../../auth/LegalLinks';
import { PrivacyPopup } from '../../auth/PrivacyPopup';
import { SignInCard } from '../../auth/SignInCard';
import { ErrorState, Icon, Loading, useAuth } from '../../components';
import { entriesFor } from '../../features';
import { InboxEntry } from '../../features/inbox/InboxEntry';
import { IDENTITY_LABELS, ROLE_LABELS } from '../../labels';
import { openPage } from '../../navigation';
import { ProfileAvatar } from './ProfileAvatar';
import { ProfileForm } from './ProfileForm';
import './index.scss';

/** 我的: profile, roles, the entries this user may open (some only for staff), and sign-out. A stranger sees a
 * sign-in card (signing in happens there, on the tap) and the legal pages. */
export default function MePage() {
  const auth = useAuth();

  usePullDownRefresh(() => {
    void auth.refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (auth.status === 'signedOut') {
    return (
      <View className="rc-page rc-me">
        <PrivacyPopup />
        <SignInCard />
        <View className="rc-section-title">协议与隐私</View>
        <LegalLinks />
      </View>
    );
  }

  if (auth.status === 'error' || !auth.user) {
    return (
      <View className="rc-page rc-me">
        {auth.status === 'error' ? (
          <ErrorState error={auth.error} onRetry={() => void auth.refresh()} />
        ) : (
          <Loading />
        )}
      </View>
    );
  }

  const { user } = auth;
  const entries = entriesFor('me', auth.roles);

  return (
    <View className="rc-page rc-me">
      <PrivacyPopup />
      <View className="rc-me__header">
        <ProfileAvatar user={user} onChanged={auth.setUser} />
        <View className="rc-me__who">
          <View className="rc-me__nickname">{user.nickname}</View>
          {user.realName ? <View className="rc-me__real-name">姓名：{user.realName}</View> : null}
          <View className="rc-me__identity">
            {user.identity ? IDENTITY_LABELS[user.identity] : '未选择身份'}
          </View>
          <View className="rc-me__roles">
            {user.roles.length === 0 ? (
              <View className="rc-me__role rc-me__role--plain">普通用户</View>
            ) : null}
            {user.roles.map((role) => (
              <View key={role} className="rc-me__role">
                {ROLE_LABELS[role]}
              </View>
            ))}
          </View>
        </View>
      </View>

      <InboxEntry />

      <View className="rc-section-title">个人资料</View>
      <ProfileForm user={user} onSaved={auth.setUser} />

      {entries.length > 0 ? (
        <>
          <View className="rc-section-title">我的服务</View>
          <View className="rc-card rc-me__entries">
            {entries.map((entry) => (
              <View
                key={entry.id}
                className="rc-me__entry"
                data-feature={entry.id}
                onClick={() => void openPage(entry.url)}
              >
                <View className="rc-icon-tile rc-me__entry-icon">
                  <Icon name={entry.icon ?? 'inbox'} size="m" />
                </View>
                <View className="rc-me__entry-text">
                  <View className="rc-me__entry-title">{entry.title}</View>
                  <View className="rc-me__entry-desc">{entry.description}</View>
                </View>
                <Icon name="chevron" color="grey" size="s" />
              </View>
            ))}
          </View>
        </>
      ) : null}

      <View className="rc-section-title">协议与隐私</View>
      <LegalLinks />

      <View className="rc-me__signout">
        <Button block fill="outline" type="primary" onClick={() => auth.signOut()}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
