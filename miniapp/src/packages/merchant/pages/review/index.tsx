// 商户审核 (staff): applications by status; approve or reject (with a reason) the pending ones.
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  MERCHANT_STATUSES,
  MERCHANT_STATUS_LABELS,
  type Merchant,
  type MerchantStatus,
} from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { NavBar, MoreFooter, PageContent, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import { STAFF_FIGURES_PAGE } from '../../../../features/alliance/links';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatFullDateTime } from '../../../../lib/districtTime';
import { useCursorList } from '../../../../lib/useCursorList';
import '../../components/forms.scss';
import './index.scss';

export default function StaffMerchantReviewPage() {
  const auth = useRequireAuth();
  const [status, setStatus] = useState<MerchantStatus>('pending');
  const list = useCursorList((cursor) => allianceApi.applications(status, cursor), [status], {
    enabled: auth.status === 'signedIn',
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(merchant: Merchant, decision: 'approve' | 'reject') {
    setBusy(merchant.id);
    try {
      const reason = reasons[merchant.id]?.trim();
      await allianceApi.decide(merchant.id, { decision, ...(reason ? { reason } : {}) });
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' });
      list.replace((m) => m.id === merchant.id, null);
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="rc-page rc-merchant-review">
      <NavBar />
      <View className="rc-merchant-review__tabs">
        {MERCHANT_STATUSES.map((s) => (
          <View
            key={s}
            className={
              s === status
                ? 'rc-merchant-review__tab rc-merchant-review__tab--active'
                : 'rc-merchant-review__tab'
            }
            onClick={() => setStatus(s)}
          >
            {MERCHANT_STATUS_LABELS[s]}
          </View>
        ))}
        <View className="rc-merchant-review__tab" onClick={() => void openPage(STAFF_FIGURES_PAGE)}>
          联盟数据
        </View>
      </View>
      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText={status === 'pending' ? '没有待审核的申请' : '暂无记录'}
        emptyIcon="store"
      >
        {(data) => (
          <View>
            {data.items.map((merchant) => (
              <View key={merchant.id} className="rc-merchant-review__card">
                <View className="rc-merchant-review__name">{merchant.name}</View>
                <View className="rc-merchant-review__line">类别：{merchant.category}</View>
                <View className="rc-merchant-review__line">地址：{merchant.address}</View>
                <View className="rc-merchant-review__line">联系：{merchant.contact}</View>
                <View className="rc-merchant-review__line">
                  申请于 {formatFullDateTime(merchant.createdAt)}
                </View>
                {merchant.reason ? (
                  <View className="rc-merchant-review__line">意见：{merchant.reason}</View>
                ) : null}
                {merchant.status === 'pending' ? (
                  <View>
                    <Input
                      className="rc-merchant-review__reason"
                      placeholder="审核意见（驳回时建议填写）"
                      value={reasons[merchant.id] ?? ''}
                      onInput={(e) => setReasons((r) => ({ ...r, [merchant.id]: e.detail.value }))}
                    />
                    <View className="rc-merchant-review__actions">
                      <Button
                        className="rc-merchant-review__reject"
                        {...buttonProps({
                          disabled: busy === merchant.id,
                          onClick: () => void decide(merchant, 'reject'),
                        })}
                      >
                        驳回
                      </Button>
                      <Button
                        className="rc-merchant-review__approve"
                        {...buttonProps({
                          disabled: busy === merchant.id,
                          onClick: () => void decide(merchant, 'approve'),
                        })}
                      >
                        通过
                      </Button>
                    </View>
                  </View>
                ) : null}
              </View>
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
