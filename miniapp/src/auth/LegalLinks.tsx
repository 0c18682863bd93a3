// 用户协议 · 隐私政策 · 个人信息收集清单: the in-app legal pages, as a list of links (我的) or one line (the popup).
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LEGAL_PAGES, type LegalPage } from './legal';
import './auth.scss';

const ORDER: LegalPage[] = ['terms', 'privacy', 'collection'];

export function openLegalPage(page: LegalPage): void {
  void Taro.navigateTo({ url: LEGAL_PAGES[page].url });
}

export function LegalLinks() {
  return (
    <View className="rc-card rc-auth-legal">
      {ORDER.map((page) => (
        <View
          key={page}
          className="rc-auth-legal__item"
          data-legal={page}
          onClick={() => openLegalPage(page)}
        >
          <View className="rc-auth-legal__title">{LEGAL_PAGES[page].title}</View>
          <View className="rc-auth-legal__arrow">›</View>
        </View>
      ))}
    </View>
  );
}
