import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useAuth } from '../../auth/AuthProvider';
import { returnAfterSignIn } from '../../navigation';
import { SignInPanel } from './SignInPanel';
import './index.scss';

/** Sign-in: wx.login on weapp, the dev provider's account form on H5. `?redirect=` is where to go afterwards. */
export default function SignInPage() {
  const { params } = useRouter();
  const auth = useAuth();

  async function handleSignIn(code: string) {
    await auth.signIn(code);
    returnAfterSignIn(params.redirect);
  }

  return (
    <View className="rc-page rc-login">
      <View className="rc-login__hero">
        <View className="rc-login__emblem">红</View>
        <View className="rc-login__title">红色商圈</View>
        <View className="rc-login__subtitle">环翠楼街道党群服务中心</View>
      </View>
      <SignInPanel onSignIn={handleSignIn} />
    </View>
  );
}
