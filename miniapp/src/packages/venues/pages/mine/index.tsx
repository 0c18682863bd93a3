// 我的预约: every booking, newest first, with its status (待审核 → 已通过 / 未通过); cancel an upcoming one.
import { Button, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { Booking } from '@shared/api/venues';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { venuesApi } from '../../../../api/venues';
import { MoreFooter, NavBar, PageContent, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { buttonProps } from '../../../../lib/buttonProps';
import { useCursorList } from '../../../../lib/useCursorList';
import { BookingCard } from '../../components/BookingCard';
import '../../components/BookingCard.scss';

function CancelButton({ booking, onDone }: { booking: Booking; onDone: (b: Booking) => void }) {
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: '确定取消这次预约吗？',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onDone((await venuesApi.cancel(booking.id)).booking);
      void Taro.showToast({ title: '已取消', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="rc-venues-booking__actions">
      <Button
        className="rc-venues-booking__button"
        {...buttonProps({ disabled: busy, onClick: () => void cancel() })}
      >
        取消预约
      </Button>
    </View>
  );
}

export default function MyBookingsPage() {
  const auth = useRequireAuth();
  const list = useCursorList((cursor) => venuesApi.mine(cursor ?? undefined), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());
  return (
    <View className="rc-page rc-venues-mine">
      <NavBar />
      <PageContent
        page={list.page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="还没有预约"
        emptyHint="在“阵地预约”选择场地和时段即可预约"
        emptyIcon="pin"
        emptyAction={{
          label: '去预约场地',
          onClick: () => void openPage('/packages/venues/pages/list/index'),
        }}
      >
        {(p) => (
          <View>
            {p.items.map((b) => (
              <BookingCard key={b.id} booking={b}>
                {(b.status === 'pending' || b.status === 'approved') &&
                Date.parse(b.startsAt) > Date.now() ? (
                  <CancelButton booking={b} onDone={(next) => list.replace((x) => x.id === next.id, next)} />
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
