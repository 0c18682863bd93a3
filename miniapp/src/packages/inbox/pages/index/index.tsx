// 消息: my notices, newest first (waitlist promoted, event cancelled, applications and messages decided …). Opening
// the page marks everything shown read (the badge on 我的 drops); the unread ones keep their dot while the page is
// open, so the user sees which are new. A tap opens the thing the notice is about.
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { Notice } from '@shared/api/inbox';
import { inboxApi } from '../../../../api/inbox';
import { MoreFooter, NavBar, PageContent, useRequireAuth } from '../../../../components';
import { noticeUrl } from '../../../../features/inbox/links';
import { districtDay, formatDateTime, formatFullDateTime } from '../../../../lib/districtTime';
import { openPage } from '../../../../navigation';
import { useCursorList } from '../../../../lib/useCursorList';
import './index.scss';

/** District time (UTC+8): 12月1日 09:05 this year, with the year before that. */
function noticeTime(iso: string): string {
  const thisYear = districtDay(iso).slice(0, 4) === districtDay(Date.now()).slice(0, 4);
  return thisYear ? formatDateTime(iso) : formatFullDateTime(iso);
}

export default function InboxPage() {
  const auth = useRequireAuth();
  const list = useCursorList<Notice>((cursor) => inboxApi.page(cursor), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());

  // Read on open: everything up to the newest notice shown (a notice written meanwhile stays unread).
  const newest = list.page.data?.items[0]?.at;
  const markedUpTo = useRef<string | null>(null);
  useEffect(() => {
    if (!newest || markedUpTo.current === newest || !list.page.data?.items.some((n) => !n.read)) return;
    markedUpTo.current = newest;
    inboxApi.markRead({ upTo: newest }).catch((err) => console.warn('marking 消息 read failed', err));
  }, [newest, list.page.data]);

  return (
    <View className="rc-page rc-inbox">
      <NavBar />
      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyIcon="bell"
        emptyText="暂无消息"
        emptyHint="候补转正、活动取消、审核结果会在这里通知你"
      >
        {(data) => (
          <View className="rc-inbox__list">
            {data.items.map((notice) => (
              <View
                key={notice.id}
                className={`rc-card rc-inbox__item${notice.read ? '' : ' rc-inbox__item--unread'}`}
                data-kind={notice.kind}
                onClick={() => void openPage(noticeUrl(notice))}
              >
                <View className="rc-inbox__head">
                  {notice.read ? null : <View className="rc-inbox__dot" />}
                  <View className="rc-inbox__title">{notice.title}</View>
                  <View className="rc-inbox__time">{noticeTime(notice.at)}</View>
                </View>
                <View className="rc-inbox__body">{notice.body}</View>
                <View className="rc-inbox__more">查看详情 ›</View>
              </View>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
