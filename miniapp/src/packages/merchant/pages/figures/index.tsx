// 联盟数据 (staff): merchants taking part, figures per alliance and per merchant.
import { View } from '@tarojs/components';
import { ALLIANCES, ALLIANCE_LABELS } from '@shared/api/alliance';
import { allianceApi } from '../../../../api/alliance';
import { NavBar, PageContent, usePageData, useRequireAuth } from '../../../../components';
import './index.scss';

export default function StaffAllianceFiguresPage() {
  const auth = useRequireAuth();
  const page = usePageData(() => allianceApi.allianceStats(), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  return (
    <View className="rc-page rc-merchant-figures">
      <NavBar />
      <PageContent page={page}>
        {(stats) => (
          <View>
            <View className="rc-merchant-figures__grid">
              {[
                ['参与商户', stats.merchants.participating],
                ['已入驻', stats.merchants.approved],
                ['待审核', stats.merchants.pending],
              ].map(([label, value]) => (
                <View key={label} className="rc-merchant-figures__cell">
                  <View className="rc-merchant-figures__value">{value}</View>
                  <View className="rc-merchant-figures__label">{label}</View>
                </View>
              ))}
            </View>
            <View className="rc-section-title">按联盟</View>
            {ALLIANCES.map((a) => {
              const f = stats.byAlliance[a];
              return (
                <View key={a} className="rc-merchant-figures__row">
                  <View className="rc-merchant-figures__row-title">{ALLIANCE_LABELS[a]}</View>
                  <View className="rc-merchant-figures__row-line">
                    商户 {f.merchants} · 优惠 {f.offers} · 发放 {f.quantity} · 已领 {f.claimed} · 已核销{' '}
                    {f.redeemed}
                  </View>
                </View>
              );
            })}
            <View className="rc-section-title">按商户</View>
            {stats.byMerchant.length === 0 ? (
              <View className="rc-merchant-figures__row">暂无商户发布优惠</View>
            ) : null}
            {stats.byMerchant.map((m) => (
              <View key={m.merchant.id} className="rc-merchant-figures__row">
                <View className="rc-merchant-figures__row-title">{m.merchant.name}</View>
                <View className="rc-merchant-figures__row-line">
                  {m.alliances.map((a) => ALLIANCE_LABELS[a]).join('、')} · 优惠 {m.offers} · 已领 {m.claimed}{' '}
                  · 已核销 {m.redeemed}
                </View>
              </View>
            ))}
          </View>
        )}
      </PageContent>
    </View>
  );
}
