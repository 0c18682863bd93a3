// 申请处理 (staff): the request queue, oldest first, filtered by status and category; each step (受理 / 办结 /
// 不予受理) with a note. Two staff on one request: the second gets the API's refusal and the fresh state.
import { Button, Input, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import {
  REQUEST_STATUS_LABELS,
  type RequestStatus,
  type ServiceRequest,
  type StaffTransition,
} from '@shared/api/services';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { servicesApi } from '../../../../api/services';
import { Empty, MoreFooter, NavBar, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatDateTime } from '../../../../lib/districtTime';
import { useCursorList } from '../../../../lib/useCursorList';
import { RequestHistory } from '../../RequestHistory';
import '../../styles.scss';

const STATUS_TABS: (RequestStatus | undefined)[] = [
  undefined,
  'submitted',
  'accepted',
  'done',
  'declined',
  'withdrawn',
];
const MOVES: Record<RequestStatus, { to: StaffTransition; label: string }[]> = {
  submitted: [
    { to: 'accepted', label: '受理' },
    { to: 'declined', label: '不予受理' },
  ],
  accepted: [
    { to: 'done', label: '办结' },
    { to: 'declined', label: '不予受理' },
  ],
  done: [],
  declined: [],
  withdrawn: [],
};

function QueueCard({ request, onChanged }: { request: ServiceRequest; onChanged: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const move = async (to: StaffTransition) => {
    setBusy(true);
    try {
      await servicesApi.transition(request.id, to, note.trim() || undefined);
      setNote('');
      void Taro.showToast({ title: REQUEST_STATUS_LABELS[to], icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
      await onChanged();
    }
  };
  const moves = MOVES[request.status];
  return (
    <View className="rc-card rc-services-queue__card">
      <View className="rc-services-row">
        <View className="rc-services-title">{request.itemName ?? request.itemId}</View>
        <View className={`rc-services-status rc-services-status--${request.status}`}>
          {REQUEST_STATUS_LABELS[request.status]}
        </View>
      </View>
      <View className="rc-services-meta">{request.description}</View>
      <View className="rc-services-hint">
        {formatDateTime(request.createdAt)} 提交{request.contact ? ` · 联系方式：${request.contact}` : ''}
      </View>
      <RequestHistory request={request} />
      {moves.length ? (
        <View>
          <Input
            className="rc-services-form__input"
            value={note}
            placeholder="处理说明（选填，申请人可见）"
            onInput={(e) => setNote(e.detail.value)}
          />
          <View className="rc-services-actions">
            {moves.map((m) => (
              <Button
                key={m.to}
                className={`rc-services-button ${m.to === 'declined' ? '' : 'rc-services-button--primary'}`}
                {...buttonProps({ disabled: busy, onClick: () => void move(m.to) })}
              >
                {m.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function RequestQueuePage() {
  const auth = useRequireAuth();
  const isStaff = auth.status === 'signedIn' && auth.hasRole('staff');
  const [status, setStatus] = useState<RequestStatus | undefined>('submitted');
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const menu = usePageData(() => servicesApi.menu(), [], { enabled: isStaff });
  const list = useCursorList(
    (cursor) => servicesApi.queue({ status, categoryId }, cursor ?? undefined),
    [status, categoryId],
    {
      enabled: isStaff,
      refreshOnShow: true,
    },
  );
  useReachBottom(() => void list.loadMore());
  if (auth.status === 'signedIn' && !isStaff)
    return (
      <View className="rc-page">
        <NavBar />
        <Empty icon="lock" text="仅限工作人员使用" />
      </View>
    );
  const chip = (active: boolean) => `rc-services-chip ${active ? 'rc-services-chip--active' : ''}`;
  return (
    <View className="rc-page rc-services-queue">
      <NavBar />
      <View className="rc-services-chips">
        {STATUS_TABS.map((s) => (
          <View key={s ?? 'all'} className={chip(status === s)} onClick={() => setStatus(s)}>
            {s ? REQUEST_STATUS_LABELS[s] : '全部'}
          </View>
        ))}
      </View>
      <View className="rc-services-chips">
        <View className={chip(!categoryId)} onClick={() => setCategoryId(undefined)}>
          全部类别
        </View>
        {(menu.data?.categories ?? []).map((c) => (
          <View key={c.id} className={chip(categoryId === c.id)} onClick={() => setCategoryId(c.id)}>
            {c.name}
          </View>
        ))}
      </View>
      <PageContent
        page={list.page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="没有符合条件的申请"
        emptyIcon="inbox"
      >
        {(p) => (
          <View>
            {p.items.map((r) => (
              <QueueCard key={r.id} request={r} onChanged={list.page.reload} />
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
