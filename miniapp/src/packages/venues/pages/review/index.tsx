// 预约审核 (staff): the bookings waiting for a decision, earliest first; approve, or decline with a reason. A
// booking one made oneself is decided by a colleague (the API answers 403). Other tabs show the decided ones.
import { Button, Input, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { BOOKING_STATUS_LABELS, type Booking, type BookingStatus } from '@shared/api/venues';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { venuesApi } from '../../../../api/venues';
import { MoreFooter, NavBar, PageContent, useRequireAuth, StaffOnly } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { useCursorList } from '../../../../lib/useCursorList';
import { openPage } from '../../../../navigation';
import { BookingCard } from '../../components/BookingCard';
import '../../components/BookingCard.scss';
import './index.scss';

const TABS: BookingStatus[] = ['pending', 'approved', 'declined', 'cancelled'];

function Decision({ booking, onDone }: { booking: Booking; onDone: (b: Booking) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'decline') => {
    setBusy(true);
    try {
      const body = { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      onDone((await venuesApi.decide(booking.id, body)).booking);
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已拒绝', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      <Input
        className="rc-venues-booking__reason"
        value={reason}
        placeholder="说明（不通过时请填写原因）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="rc-venues-booking__actions">
        <Button
          className="rc-venues-booking__button rc-venues-review__approve"
          {...buttonProps({ disabled: busy, onClick: () => void decide('approve') })}
        >
          通过
        </Button>
        <Button
          className="rc-venues-booking__button rc-venues-review__decline"
          {...buttonProps({ disabled: busy, onClick: () => void decide('decline') })}
        >
          不通过
        </Button>
      </View>
    </View>
  );
}

export default function BookingReviewPage() {
  const auth = useRequireAuth();
  const staff = auth.status === 'signedIn' && auth.hasRole('staff');
  const [status, setStatus] = useState<BookingStatus>('pending');
  const list = useCursorList((cursor) => venuesApi.queue(status, cursor ?? undefined), [status], {
    enabled: staff,
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());
  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;
  return (
    <View className="rc-page rc-venues-review">
      <NavBar />
      <View className="rc-venues-review__tabs">
        {TABS.map((s) => (
          <View
            key={s}
            className={`rc-venues-review__tab${s === status ? ' rc-venues-review__tab--active' : ''}`}
            onClick={() => setStatus(s)}
          >
            {BOOKING_STATUS_LABELS[s]}
          </View>
        ))}
      </View>
      <View
        className="rc-venues-review__add"
        onClick={() => void openPage('/packages/venues/pages/edit/index')}
      >
        + 新增场地
      </View>
      <PageContent
        page={list.page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="没有这类预约"
        emptyIcon="pin"
      >
        {(p) => (
          <View>
            {p.items.map((b) => (
              <BookingCard key={b.id} booking={b}>
                {b.status === 'pending' ? (
                  <Decision booking={b} onDone={(next) => list.replace((x) => x.id === next.id, next)} />
                ) : null}
              </BookingCard>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
