import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { explain, toApiError } from '../api/client';
import { goToSignIn, openPage, TAB_PAGES } from '../navigation';
import { Icon } from './Icon';
import './states.scss';

export interface ErrorStateProps {
  /** Usually an ApiError; anything else shows a generic Chinese message. */
  error: unknown;
  onRetry?: () => void;
}

/** Back to the previous page, or home when this page was opened directly. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void openPage(TAB_PAGES[0]);
}

/**
 * A failed load: what happened and what to do, in Chinese (errors.ts), with the one action that can help — 重试 only
 * when trying again can change the answer — and the request id, small, as 错误编号 for support. Never a raw code.
 */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const apiError = toApiError(error);
  const explanation = explain(apiError);
  const action =
    explanation.next === 'retry' && onRetry
      ? { label: '重试', run: onRetry }
      : explanation.next === 'back'
        ? { label: Taro.getCurrentPages().length > 1 ? '返回上一页' : '回到首页', run: goBack }
        : explanation.next === 'signIn'
          ? { label: '去登录', run: goToSignIn }
          : null;
  return (
    <View className="rc-state rc-error" role="alert">
      <View className="rc-state__icon rc-error__icon">
        <Icon name="alert" size="l" />
      </View>
      <View className="rc-state__text rc-error__message">{apiError.message}</View>
      {/* Some messages already say what to do (网络连接失败，请检查网络后重试): the hint only when it adds something. */}
      {apiError.message.includes(explanation.hint) ? null : (
        <View className="rc-state__hint rc-error__hint">{explanation.hint}</View>
      )}
      {action ? (
        <Button
          className="rc-error__action"
          type="primary"
          size="small"
          fill="outline"
          onClick={() => action.run()}
        >
          {action.label}
        </Button>
      ) : null}
      {apiError.requestId ? (
        <View className="rc-error__request-id">错误编号 {apiError.requestId}</View>
      ) : null}
    </View>
  );
}
