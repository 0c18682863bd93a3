import { View } from '@tarojs/components';
import './states.scss';

export interface LoadingProps {
  text?: string;
}

/** A centred spinner with a line of text, for a page or a section that is loading. */
export function Loading({ text = '加载中…' }: LoadingProps) {
  return (
    <View className="rc-state rc-loading" aria-busy="true">
      <View className="rc-loading__spinner" />
      <View className="rc-state__text">{text}</View>
    </View>
  );
}
