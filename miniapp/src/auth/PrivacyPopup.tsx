// The app's own privacy popup (shown on the page on screen when WeChat asks for consent, see privacy.weapp.ts):
// 同意 is WeChat's agreePrivacyAuthorization button, 拒绝 declines; the guide opens with wx.openPrivacyContract and
// our own 隐私政策 / 个人信息收集清单 pages are one tap away. On H5 it never opens.
import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { openLegalPage } from './LegalLinks';
import { answerPrivacy, onPrivacyRequest, openPrivacyContract, privacyRequestPending } from './privacy';
import './privacyPopup.scss';

const AGREE_BUTTON_ID = 'rc-privacy-agree';

export function PrivacyPopup() {
  const [open, setOpen] = useState(privacyRequestPending);
  useEffect(() => onPrivacyRequest(setOpen), []);
  if (!open) return null;
  return (
    <View className="rc-privacy" catchMove>
      <View className="rc-privacy__panel">
        <View className="rc-privacy__title">用户隐私保护提示</View>
        <View className="rc-privacy__text">
          感谢使用红色商圈。使用相册保存、扫码等功能前，请阅读并同意
          <View className="rc-privacy__link" onClick={openPrivacyContract}>
            《红色商圈小程序隐私保护指引》
          </View>
          。我们只收集提供服务所需的信息，详见
          <View className="rc-privacy__link" onClick={() => openLegalPage('privacy')}>
            《隐私政策》
          </View>
          和
          <View className="rc-privacy__link" onClick={() => openLegalPage('collection')}>
            《个人信息收集清单》
          </View>
          。
        </View>
        <View className="rc-privacy__actions">
          <Button className="rc-privacy__decline" onClick={() => answerPrivacy({ event: 'disagree' })}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="rc-privacy__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacy({ event: 'agree', buttonId: AGREE_BUTTON_ID })}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
