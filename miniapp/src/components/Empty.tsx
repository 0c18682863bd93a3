import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';
import './states.scss';

/** The next step from an empty list, as a button under its text (去看看活动, 发布优惠 …). */
export interface EmptyAction {
  label: string;
  onClick: () => void;
}

export interface EmptyProps {
  text?: string;
  /** A second, smaller line. */
  hint?: string;
  /** What is missing, drawn above the text; an empty tray unless told. */
  icon?: IconName;
  /** The next step, when there is one. */
  action?: EmptyAction;
  /** Anything else under the text (e.g. several buttons). */
  children?: ReactNode;
}

/** Nothing to show yet: an icon, a line saying what is missing, and the next step where there is one. */
export function Empty({ text = '暂无内容', hint, icon = 'inbox', action, children }: EmptyProps) {
  return (
    <View className="rc-state rc-empty">
      <View className="rc-state__icon rc-empty__icon">
        <Icon name={icon} size="l" />
      </View>
      <View className="rc-state__text">{text}</View>
      {hint ? <View className="rc-state__hint">{hint}</View> : null}
      {action ? (
        <Button className="rc-empty__action" type="primary" size="small" onClick={() => action.onClick()}>
          {action.label}
        </Button>
      ) : null}
      {children}
    </View>
  );
}
