// 我的报名: every signup, newest first; a confirmed one shows its ticket QR for staff to scan; cancel from here.
import { Button, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { SIGNUP_STATUS_LABELS, type MySignupView } from '@shared/api/events';
import { useState } from 'react';
import { eventsApi } from '../../../../api/events';
import { MoreFooter, NavBar, PageContent, useRequireAuth } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { useCursorList } from '../../../../lib/useCursorList';
import { formatRange } from '../../../../lib/districtTime';
import { openPage } from '../../../../navigation';
import { TicketQr } from '../../components/TicketQr';
import { useCancelSignup } from '../../useCancelSignup';
import { waitlistPlace } from '../../waitlist';
import './index.scss';

function SignupCard({ signup, onChanged }: { signup: MySignupView; onChanged: () => Promise<void> }) {
  const [showTicket, setShowTicket] = useState(false);
  const { cancel, cancelling } = useCancelSignup(signup.eventId, '确定取消报名吗？', onChanged);
  const event = signup.event;
  const upcoming = !!event && Date.parse(event.startsAt) > Date.now();
  return (
    <View className={`rc-card rc-events-mine__card rc-events-mine__card--${signup.status}`}>
      <View
        className="rc-events-mine__head"
        onClick={() => void openPage(`/packages/events/pages/detail/index?id=${signup.eventId}`)}
      >
        <View className="rc-events-mine__title">{event?.title ?? '活动已删除'}</View>
        <View className={`rc-events-mine__status rc-events-mine__status--${signup.status}`}>
          {signup.status === 'waitlisted' ? waitlistPlace(signup) : SIGNUP_STATUS_LABELS[signup.status]}
        </View>
      </View>
      {event ? (
        <View className="rc-events-mine__meta">
          {formatRange(event.startsAt, event.endsAt)} · {event.location}
        </View>
      ) : null}
      {signup.participants?.length ? (
        <View className="rc-events-mine__meta">
          参加：{signup.participants.map((p) => `${p.name}（${p.age}岁）`).join('、')}
        </View>
      ) : null}
      {signup.attendedAt ? <View className="rc-events-mine__meta">已签到</View> : null}
      {signup.ticket && showTicket ? (
        <View className="rc-events-mine__ticket">
          <TicketQr text={signup.ticket} />
          <View className="rc-events-mine__hint">请向工作人员出示此二维码签到</View>
        </View>
      ) : null}
      <View className="rc-events-mine__actions">
        {signup.ticket ? (
          <Button className="rc-events-mine__button" onClick={() => setShowTicket(!showTicket)}>
            {showTicket ? '收起电子票' : '电子票'}
          </Button>
        ) : null}
        {signup.status !== 'cancelled' && upcoming ? (
          <Button
            className="rc-events-mine__button"
            {...buttonProps({ disabled: cancelling, onClick: () => void cancel() })}
          >
            取消报名
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function MySignupsPage() {
  const auth = useRequireAuth();
  const list = useCursorList((cursor) => eventsApi.mine(cursor ?? undefined), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());
  return (
    <View className="rc-page rc-events-mine">
      <NavBar />
      <PageContent
        page={list.page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="还没有报名"
        emptyHint="去“活动”看看最近的党课和活动"
        emptyIcon="calendar-check"
        emptyAction={{ label: '去看看活动', onClick: () => void openPage('/pages/events/index') }}
      >
        {(p) => (
          <View>
            {p.items.map((s) => (
              <SignupCard key={`${s.id}-${s.createdAt}`} signup={s} onChanged={list.page.reload} />
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
