// On H5 a sub-page has no title bar and no way back but the browser's: this bar shows the page's title
// (navigationBarTitleText of its config) and a back control — the previous page, or 首页 when opened directly.
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { openPage, TAB_PAGES } from '../navigation';
import './NavBar.scss';

function goBack() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void openPage(TAB_PAGES[0]);
}

export function NavBar() {
  const [title] = useState(
    () =>
      (Taro.getCurrentInstance().page?.config as { navigationBarTitleText?: string } | undefined)
        ?.navigationBarTitleText ?? '',
  );
  return (
    <View className="rc-navbar">
      <View className="rc-navbar__back" role="button" aria-label="返回" onClick={goBack}>
        <View className="rc-navbar__arrow" />
      </View>
      <View className="rc-navbar__title">{title}</View>
      <View className="rc-navbar__spacer" />
    </View>
  );
}
