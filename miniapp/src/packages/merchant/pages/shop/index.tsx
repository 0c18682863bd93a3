// 商户中心: the shop's figures, its offers in every state (edit / withdraw), and the way to post and to redeem.
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Offer } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { toApiError } from '../../../../api/client';
import { Empty, NavBar, PageContent, usePageData, useRequireAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import {
  MERCHANT_APPLY_PAGE,
  MERCHANT_REDEEM_PAGE,
  merchantOfferFormPage,
} from '../../../../features/alliance/links';
import { OfferCard } from '../../../../features/alliance/OfferCard';
import '../../components/forms.scss';
import './index.scss';

async function loadShop() {
  const merchant = await allianceApi.myMerchant();
  if (!merchant || merchant.status !== 'approved') return { merchant, stats: null, offers: [] as Offer[] };
  const [stats, offers] = await Promise.all([allianceApi.myStats(), allianceApi.myOffers(null, 100)]);
  return { merchant, stats, offers: offers.items };
}

export default function MerchantShopPage() {
  const auth = useRequireAuth();
  const page = usePageData(loadShop, [], { enabled: auth.status === 'signedIn', refreshOnShow: true });

  async function withdraw(offer: Offer) {
    const confirm = await Taro.showModal({
      confirmColor: '#c8161d',
      title: '撤回优惠',
      content: `撤回“${offer.title}”后用户不能再领取，已领的券在有效期内仍可核销。`,
      confirmText: '撤回',
    });
    if (!confirm.confirm) return;
    try {
      await allianceApi.withdrawOffer(offer.id);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      void page.refresh();
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  }

  return (
    <View className="rc-page rc-merchant-shop">
      <NavBar />
      <PageContent page={page}>
        {({ merchant, stats, offers }) =>
          !merchant || merchant.status !== 'approved' ? (
            <View className="rc-merchant-banner">
              <View>尚未完成商户入驻。</View>
              <Button className="rc-merchant-form__submit" onClick={() => void openPage(MERCHANT_APPLY_PAGE)}>
                去申请入驻
              </Button>
            </View>
          ) : (
            <View>
              <View className="rc-merchant-shop__head">
                <View className="rc-merchant-shop__name">{merchant.name}</View>
                <View className="rc-merchant-shop__meta">
                  {merchant.category} · {merchant.address}
                </View>
                {stats ? (
                  <View className="rc-merchant-shop__figures">
                    {[
                      ['优惠', stats.totals.offers],
                      ['发放', stats.totals.quantity],
                      ['已领', stats.totals.claimed],
                      ['已核销', stats.totals.redeemed],
                    ].map(([label, value]) => (
                      <View key={label} className="rc-merchant-shop__figure">
                        <View className="rc-merchant-shop__figure-value">{value}</View>
                        <View className="rc-merchant-shop__figure-label">{label}</View>
                      </View>
                    ))}
                  </View>
                ) : null}
              </View>
              <View className="rc-merchant-shop__actions">
                <Button
                  className="rc-merchant-shop__primary"
                  onClick={() => void openPage(MERCHANT_REDEEM_PAGE)}
                >
                  核销券码
                </Button>
                <Button
                  className="rc-merchant-shop__secondary"
                  onClick={() => void openPage(merchantOfferFormPage())}
                >
                  发布优惠
                </Button>
              </View>
              <View className="rc-section-title">本店优惠</View>
              {offers.length === 0 ? (
                <Empty
                  icon="ticket"
                  text="还没有发布优惠"
                  hint="点上方“发布优惠”，职工和居民领取后到店核销"
                />
              ) : null}
              {offers.map((offer) => (
                <View key={offer.id} className="rc-merchant-shop__offer">
                  <OfferCard offer={offer} showStatus />
                  <View className="rc-merchant-shop__offer-line">
                    已领 {offer.claimed} · 已核销 {offer.redeemed}
                    {offer.status !== 'withdrawn' && offer.status !== 'expired' ? (
                      <View className="rc-merchant-shop__offer-actions">
                        <View
                          className="rc-merchant-shop__offer-action"
                          onClick={() => void openPage(merchantOfferFormPage(offer.id))}
                        >
                          编辑
                        </View>
                        <View className="rc-merchant-shop__offer-action" onClick={() => void withdraw(offer)}>
                          撤回
                        </View>
                      </View>
                    ) : null}
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </PageContent>
    </View>
  );
}
