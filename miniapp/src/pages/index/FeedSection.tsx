// One section of the 首页 feed: a title with a 更多 link, and its own loading / empty / error (with 重试) states, so a
// failing list never hides the others.
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PageContent, type IconName, type PageData } from '../../components';
import { openPage } from '../../navigation';

export interface FeedSectionProps<T> {
  id: string;
  title: string;
  /** Where 更多 goes (a tab or a list page). */
  moreUrl: string;
  page: PageData<T[]>;
  emptyText: string;
  emptyIcon: IconName;
  children: (items: T[]) => ReactNode;
}

export function FeedSection<T>({
  id,
  title,
  moreUrl,
  page,
  emptyText,
  emptyIcon,
  children,
}: FeedSectionProps<T>) {
  return (
    <View className="rc-home__section" data-section={id}>
      <View className="rc-home__section-head">
        <View className="rc-home__section-title">{title}</View>
        <View className="rc-home__more" onClick={() => void openPage(moreUrl)}>
          更多 ›
        </View>
      </View>
      <PageContent
        page={page}
        isEmpty={(items) => items.length === 0}
        emptyText={emptyText}
        emptyIcon={emptyIcon}
      >
        {(items) => <View className="rc-home__section-body">{children(items)}</View>}
      </PageContent>
    </View>
  );
}
