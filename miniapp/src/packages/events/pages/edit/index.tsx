// Staff: create an event, or edit one (?id=); close sign-up, open it again or cancel the event.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { EventView } from '@shared/api/events';
import { toApiError } from '../../../../api/client';
import { eventsApi } from '../../../../api/events';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import { openPage } from '../../../../navigation';
import { EventForm } from './EventForm';
import './index.scss';

type StatusAction = 'close' | 'cancel' | 'open';
const ACTION_LABELS: Record<StatusAction, string> = {
  close: '截止报名',
  cancel: '取消活动',
  open: '重新开放报名',
};

function StatusActions({ event, onChanged }: { event: EventView; onChanged: (event: EventView) => void }) {
  const change = async (action: StatusAction) => {
    const { confirm } = await Taro.showModal({
      confirmColor: '#c8161d',
      title: ACTION_LABELS[action],
      content:
        action === 'cancel'
          ? '取消后不可恢复，已报名的人会看到活动已取消。'
          : `确定${ACTION_LABELS[action]}吗？`,
    });
    if (!confirm) return;
    try {
      const changed =
        action === 'close'
          ? await eventsApi.close(event.id)
          : action === 'cancel'
            ? await eventsApi.cancelEvent(event.id)
            : await eventsApi.update(event.id, { status: 'open' });
      onChanged(changed);
      void Taro.showToast({ title: '已更新', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  };
  const actions: StatusAction[] = [
    ...(event.status === 'open' ? (['close'] as const) : []),
    ...(event.status === 'closed' ? (['open'] as const) : []),
    ...(event.status !== 'cancelled' ? (['cancel'] as const) : []),
  ];

  return (
    <View className="rc-events-edit__status">
      {actions.map((action) => (
        <Button key={action} className="rc-events-edit__secondary" onClick={() => void change(action)}>
          {ACTION_LABELS[action]}
        </Button>
      ))}
      <Button
        className="rc-events-edit__secondary"
        onClick={() => void openPage(`/packages/events/pages/attendees/index?id=${event.id}`)}
      >
        名单与签到
      </Button>
    </View>
  );
}

export default function EventEditPage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id;
  const staff = auth.hasRole('staff');
  const page = usePageData(async () => (id ? (await eventsApi.get(id)).event : null), [id], {
    enabled: auth.status === 'signedIn' && staff,
  });

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;
  return (
    <View className="rc-page rc-events-edit">
      <NavBar />
      <PageContent page={page}>
        {(event) => (
          <>
            <EventForm event={event} />
            {event ? <StatusActions event={event} onChanged={(changed) => page.setData(changed)} /> : null}
          </>
        )}
      </PageContent>
    </View>
  );
}
