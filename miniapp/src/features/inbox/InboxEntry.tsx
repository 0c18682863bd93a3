// 我的 → 消息: the row that opens the 消息 page, with the unread count as a red badge (read again whenever 我的 is
// shown, so it drops after the 消息 page marked everything read).
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { inboxApi } from '../../api/inbox';
import { Icon } from '../../components';
import { openPage } from '../../navigation';
import { INBOX_PAGE, badgeText } from './links';
import './InboxEntry.scss';

export function InboxEntry() {
  const [unread, setUnread] = useState<number | null>(null);
  const load = useCallback(() => {
    inboxApi.page(null, 1).then(
      (page) => setUnread(page.unread),
      // The badge is a hint: without it the row still opens the page, which shows the error and a retry.
      () => setUnread(null),
    );
  }, []);
  useEffect(load, [load]);
  useDidShow(load);

  return (
    <View className="rc-card rc-inbox-entry" data-feature="inbox" onClick={() => void openPage(INBOX_PAGE)}>
      <View className="rc-icon-tile rc-inbox-entry__icon">
        <Icon name="bell" size="m" />
      </View>
      <View className="rc-inbox-entry__text">
        <View className="rc-inbox-entry__title">消息</View>
        <View className="rc-inbox-entry__desc">候补转正、活动取消、审核结果等通知</View>
      </View>
      {unread ? (
        <View className="rc-inbox-entry__badge" data-unread={unread}>
          {badgeText(unread)}
        </View>
      ) : null}
      <Icon className="rc-inbox-entry__chevron" name="chevron" color="grey" size="s" />
    </View>
  );
}
