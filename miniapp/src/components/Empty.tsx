import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './states.scss';

export interface EmptyProps {
  text?: string;
  /** A second, smaller line. */
  hint?: string;
  /** An action under the text (e.g. a button to create the first item). */
  children?: ReactNode;
}

/** Nothing to show yet. */
export function Empty({ text = '暂无内容', hint, children }: EmptyProps) {
  return (
    <View className="rc-state rc-empty">
      <View className="rc-state__icon rc-empty__icon">空</View>
      <View className="rc-state__text">{text}</View>
      {hint ? <View className="rc-state__hint">{hint}</View> : null}
      {children}
    </View>
  );
}
