// One offer: terms, what is left, and the claim button; my codes of it (claimed now or before, from GET /me/claims)
// are shown with their QR code, and the button reads 已领取 once I hold as many as each person may claim.
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ALLIANCE_LABELS, OFFER_STATUS_LABELS, type Claim, type Offer } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { NavBar, PageContent, useAuth, usePageData } from '../../../../components';
import { requireSignIn } from '../../../../auth/requireSignIn';
import { openPage } from '../../../../navigation';
import { ClaimCard } from '../../components/ClaimCard';
import { ALLIANCE_CODES_PAGE } from '../../../../features/alliance/links';
import { buttonProps } from '../../../../lib/buttonProps';
import { formatFullDateTime } from '../../../../lib/districtTime';
import './index.scss';

interface OfferPage {
  offer: Offer;
  /** My codes of this offer, newest first (empty when signed out). */
  mine: Claim[];
}

export default function AllianceOfferDetailPage() {
  const { params } = useRouter();
  const offerId = params.id ?? '';
  const auth = useAuth();
  const signedIn = auth.status === 'signedIn';
  const page = usePageData(
    async (): Promise<OfferPage> => {
      const [offer, mine] = await Promise.all([
        allianceApi.offer(offerId),
        signedIn ? allianceApi.myClaimsOf(offerId) : Promise.resolve([]),
      ]);
      return { offer, mine };
    },
    [offerId, signedIn],
    { enabled: auth.status !== 'loading' },
  );
  const [claiming, setClaiming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claimOne(current: OfferPage) {
    // Signing in happens here, on the tap, and then the action goes on (declined: nothing happens).
    if (!(await requireSignIn())) return;
    setClaiming(true);
    setError(null);
    try {
      // A retry reuses the tap's Idempotency-Key until a final answer (the API client's rule): never a second code.
      const claimed = await allianceApi.claim(offerId);
      page.setData({ ...current, mine: [claimed, ...current.mine.filter((c) => c.id !== claimed.id)] });
      void Taro.showToast({ title: '领取成功', icon: 'success' });
      void page.refresh();
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.message);
      if (apiError.code === 'SOLD_OUT' || apiError.code === 'LIMIT_REACHED') void page.refresh();
    } finally {
      setClaiming(false);
    }
  }

  return (
    <View className="rc-page rc-alliance-detail">
      <NavBar />
      <PageContent page={page}>
        {(current) => {
          const { offer, mine } = current;
          const claimedAll = mine.length >= offer.perUserLimit;
          return (
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

              {mine.length ? (
                <View>
                  <View className="rc-section-title">我的券码</View>
                  {mine.map((claim, index) => (
                    <ClaimCard key={claim.id} claim={claim} expanded={index === 0} />
                  ))}
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
                    disabled: claimedAll || offer.status !== 'active' || offer.remaining === 0 || claiming,
                    loading: claiming,
                    onClick: () => void claimOne(current),
                  })}
                >
                  {claimedAll
                    ? '已领取'
                    : offer.status !== 'active'
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
          );
        }}
      </PageContent>
    </View>
  );
}
