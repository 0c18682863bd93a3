// 我的申请: every request, newest first, with its status and history; withdraw while it is still submitted.
import { Button, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { REQUEST_STATUS_LABELS, type ServiceRequest } from '@shared/api/services';
import { useState } from 'react';
import { toApiError } from '../../../../api/client';
import { servicesApi } from '../../../../api/services';
import { MoreFooter, NavBar, PageContent, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatDateTime } from '../../../../lib/districtTime';
import { useCursorList } from '../../../../lib/useCursorList';
import { RequestHistory } from '../../RequestHistory';
import '../../styles.scss';

function RequestCard({
  request,
  onChanged,
}: {
  request: ServiceRequest;
  onChanged: (r: ServiceRequest) => void;
}) {
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content: '确定撤回这项申请吗？',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onChanged(await servicesApi.withdraw(request.id));
      void Taro.showToast({ title: '已撤回', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`rc-card rc-services-mine__card rc-services-mine__card--${request.status}`}>
      <View className="rc-services-row">
        <View className="rc-services-title">{request.itemName ?? request.itemId}</View>
        <View className={`rc-services-status rc-services-status--${request.status}`}>
          {REQUEST_STATUS_LABELS[request.status]}
        </View>
      </View>
      <View className="rc-services-meta">{request.description}</View>
      <View className="rc-services-hint">提交于 {formatDateTime(request.createdAt)}</View>
      <RequestHistory request={request} />
      {request.status === 'submitted' ? (
        <View className="rc-services-actions">
          <Button
            className="rc-services-button"
            {...buttonProps({ disabled: busy, onClick: () => void withdraw() })}
          >
            撤回申请
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function MyRequestsPage() {
  const auth = useRequireAuth();
  const list = useCursorList((cursor) => servicesApi.mine(cursor ?? undefined), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());
  return (
    <View className="rc-page rc-services-mine">
      <NavBar />
      <PageContent
        page={list.page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="还没有申请"
        emptyHint="去“服务清单”看看可以申请的服务"
        emptyIcon="clipboard"
        emptyAction={{
          label: '去看看服务清单',
          onClick: () => void openPage('/packages/services/pages/menu/index'),
        }}
      >
        {(p) => (
          <View>
            {p.items.map((r) => (
              <RequestCard
                key={r.id}
                request={r}
                onChanged={(next) => list.replace((x) => x.id === r.id, next)}
              />
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
