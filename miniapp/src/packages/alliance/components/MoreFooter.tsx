import { View } from '@tarojs/components';

export interface MoreFooterProps {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  onMore(): void;
}

export function MoreFooter({ hasMore, loading, error, onMore }: MoreFooterProps) {
  const style = { padding: '24px', textAlign: 'center' as const, color: '#8a8a8a', fontSize: '14px' };
  if (error)
    return (
      <View style={style} onClick={onMore}>
        {error}，点击重试
      </View>
    );
  if (loading) return <View style={style}>加载中…</View>;
  if (hasMore)
    return (
      <View style={style} onClick={onMore}>
        加载更多
      </View>
    );
  return <View style={style}>— 到底啦 —</View>;
}
