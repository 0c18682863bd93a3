// 联盟优惠: offers valid now, by alliance, with what is left; links to 我的券码 and to the merchant pages.
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { ALLIANCES, ALLIANCE_LABELS, type Alliance } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { NavBar, MoreFooter, PageContent, useAuth } from '../../../../components';
import { openPage } from '../../../../navigation';
import {
  ALLIANCE_CODES_PAGE,
  MERCHANT_APPLY_PAGE,
  MERCHANT_SHOP_PAGE,
  allianceOfferPage,
} from '../../../../features/alliance/links';
import { OfferCard } from '../../../../features/alliance/OfferCard';
import { useCursorList } from '../../../../lib/useCursorList';
import './index.scss';

export default function AllianceOffersPage() {
  const auth = useAuth();
  const [alliance, setAlliance] = useState<Alliance>('industry');
  const list = useCursorList((cursor) => allianceApi.offers({ alliance }, cursor), [alliance], {
    refreshOnShow: true,
  });
  useReachBottom(() => void list.loadMore());
  const isMerchant = auth.hasRole('merchant');

  return (
    <View className="rc-page rc-alliance">
      <NavBar />
      <View className="rc-alliance__hero">
        <View className="rc-alliance__hero-kicker">商圈党委 · 联盟共建</View>
        <View className="rc-alliance__hero-title">联盟优惠</View>
        <View className="rc-alliance__hero-desc">
          行业联盟、异业联盟商户为商圈职工和居民准备的专属优惠，领券后到店出示即可使用。
        </View>
        <View className="rc-alliance__hero-actions">
          <View className="rc-alliance__link" onClick={() => void openPage(ALLIANCE_CODES_PAGE)}>
            我的券码
          </View>
          <View
            className="rc-alliance__link"
            onClick={() => void openPage(isMerchant ? MERCHANT_SHOP_PAGE : MERCHANT_APPLY_PAGE)}
          >
            {isMerchant ? '商户中心' : '商户入驻'}
          </View>
        </View>
      </View>

      <View className="rc-alliance__tabs" role="tablist">
        {ALLIANCES.map((a) => (
          <View
            key={a}
            role="tab"
            aria-selected={a === alliance}
            className={a === alliance ? 'rc-alliance__tab rc-alliance__tab--active' : 'rc-alliance__tab'}
            onClick={() => setAlliance(a)}
          >
            {ALLIANCE_LABELS[a]}
          </View>
        ))}
      </View>

      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText="暂时没有进行中的优惠"
        emptyHint="商户发布后会第一时间出现在这里"
        emptyIcon="ticket"
      >
        {(data) => (
          <View className="rc-alliance__list">
            {data.items.map((offer) => (
              <OfferCard
                key={offer.id}
                offer={offer}
                onClick={() => void openPage(allianceOfferPage(offer.id))}
              />
            ))}
            <MoreFooter list={list} />
          </View>
        )}
      </PageContent>
    </View>
  );
}
