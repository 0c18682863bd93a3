// One offer: terms, what is left, and the claim button; a claimed code is shown right away with its QR code.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ALLIANCE_LABELS, OFFER_STATUS_LABELS, type Claim } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { newIdempotencyKey } from '../../../../api/idempotencyKey';
import { PageContent, useAuth, usePageData } from '../../../../components';
import { goToSignIn, openPage } from '../../../../navigation';
import { ClaimCard } from '../../components/ClaimCard';
import { ALLIANCE_CODES_PAGE } from '../../../../features/alliance/links';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatFullDateTime } from '../../../../lib/districtTime';
import './index.scss';

export default function AllianceOfferDetailPage() {
  const { params } = useRouter();
  const offerId = params.id ?? '';
  const auth = useAuth();
  const page = usePageData(() => allianceApi.offer(offerId), [offerId]);
  const [claim, setClaim] = useState<Claim | null>(null);
  const [claiming, setClaiming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per tap, kept for its retries: a retry after a lost reply never claims a second code.
  const [claimKey, setClaimKey] = useState(newIdempotencyKey);

  async function claimOne() {
    if (auth.status !== 'signedIn') return goToSignIn();
    setClaiming(true);
    setError(null);
    try {
      const claimed = await allianceApi.claim(offerId, claimKey);
      setClaim(claimed);
      setClaimKey(newIdempotencyKey());
      void Taro.showToast({ title: '领取成功', icon: 'success' });
      void page.refresh();
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.message);
      if (apiError.status !== 0 && apiError.status < 500) setClaimKey(newIdempotencyKey());
      if (apiError.code === 'SOLD_OUT') void page.refresh();
    } finally {
      setClaiming(false);
    }
  }

  return (
    <View className="rc-page rc-alliance-detail">
      <PageContent page={page}>
        {(offer) => (
          <View>
            <View className="rc-alliance-detail__card">
              <View className="rc-alliance-detail__tags">
                <View className="rc-alliance-detail__tag">{ALLIANCE_LABELS[offer.alliance]}</View>
                <View className="rc-alliance-detail__status">{OFFER_STATUS_LABELS[offer.status]}</View>
              </View>
              <View className="rc-alliance-detail__title">{offer.title}</View>
              <View className="rc-alliance-detail__merchant">{offer.merchant.name}</View>
              <View className="rc-alliance-detail__desc">{offer.description}</View>
              <View className="rc-alliance-detail__figures">
                <View className="rc-alliance-detail__figure">
                  <View className="rc-alliance-detail__figure-value rc-alliance-detail__remaining">
                    {offer.remaining}
                  </View>
                  <View className="rc-alliance-detail__figure-label">剩余</View>
                </View>
                <View className="rc-alliance-detail__figure">
                  <View className="rc-alliance-detail__figure-value">{offer.quantity}</View>
                  <View className="rc-alliance-detail__figure-label">总量</View>
                </View>
                <View className="rc-alliance-detail__figure">
                  <View className="rc-alliance-detail__figure-value">{offer.perUserLimit}</View>
                  <View className="rc-alliance-detail__figure-label">每人限领</View>
                </View>
              </View>
              <View className="rc-alliance-detail__window">
                {formatFullDateTime(offer.validFrom)} 至 {formatFullDateTime(offer.validUntil)}
              </View>
            </View>

            {claim ? (
              <View>
                <View className="rc-section-title">我的券码</View>
                <ClaimCard claim={claim} expanded />
              </View>
            ) : null}

            {error ? (
              <View className="rc-alliance-detail__error" role="alert">
                {error}
              </View>
            ) : null}

            <View className="rc-alliance-detail__actions">
              <Button
                className="rc-alliance-detail__claim"
                {...buttonProps({
                  disabled: offer.status !== 'active' || offer.remaining === 0 || claiming,
                  loading: claiming,
                })}
                onClick={() => void claimOne()}
              >
                {offer.status !== 'active'
                  ? OFFER_STATUS_LABELS[offer.status]
                  : offer.remaining === 0
                    ? '已抢完'
                    : '立即领取'}
              </Button>
              <View className="rc-alliance-detail__mine" onClick={() => void openPage(ALLIANCE_CODES_PAGE)}>
                查看我的券码
              </View>
            </View>
          </View>
        )}
      </PageContent>
    </View>
  );
}
