import { View } from '@tarojs/components';
import type { ApiError } from '../api/client';
import './states.scss';

export interface MoreFooterProps {
  /** A useCursorList result (src/lib/useCursorList.ts) whose first page is on screen. */
  list: {
    page: { data: { nextCursor: string | null } | undefined };
    loadMore(): Promise<void>;
    loadingMore: boolean;
    moreError: ApiError | null;
  };
}

/** The end of a paged list: 加载更多 (tap), 加载中…, the failure of the last try (tap to retry), or 到底啦. */
export function MoreFooter({ list }: MoreFooterProps) {
  const more = () => void list.loadMore();
  if (list.moreError)
    return (
      <View className="rc-list-more" onClick={more}>
        {list.moreError.message}，点击重试
      </View>
    );
  if (list.loadingMore) return <View className="rc-list-more">加载中…</View>;
  if (list.page.data?.nextCursor)
    return (
      <View className="rc-list-more" onClick={more}>
        加载更多
      </View>
    );
  return <View className="rc-list-more">— 到底啦 —</View>;
}
