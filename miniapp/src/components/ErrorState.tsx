import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { toApiError } from '../api/client';
import './states.scss';

export interface ErrorStateProps {
  /** Usually an ApiError; anything else shows a generic Chinese message. */
  error: unknown;
  onRetry?: () => void;
}

/** A failed load: the API's Chinese message, the request id for support, and a retry button. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const apiError = toApiError(error);
  return (
    <View className="rc-state rc-error" role="alert">
      <View className="rc-state__icon rc-error__icon">!</View>
      <View className="rc-state__text rc-error__message">{apiError.message}</View>
      <View className="rc-state__hint">
        错误码 {apiError.code}
        {apiError.requestId ? ` · 请求编号 ${apiError.requestId}` : ''}
      </View>
      {onRetry ? (
        <Button
          className="rc-error__retry"
          type="primary"
          size="small"
          fill="outline"
          onClick={() => onRetry()}
        >
          重试
        </Button>
      ) : null}
    </View>
  );
}
