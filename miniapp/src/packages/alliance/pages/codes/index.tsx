// 我的券码: every claimed code, newest first; tap one to show its QR code at the till.
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { allianceApi } from '../../../../api/alliance';
import { NavBar, MoreFooter, PageContent, useRequireAuth } from '../../../../components';
import { ALLIANCE_OFFERS_PAGE } from '../../../../features/alliance/links';
import { useCursorList } from '../../../../lib/useCursorList';
import { openPage } from '../../../../navigation';
import { ClaimCard } from '../../components/ClaimCard';

export default function AllianceCodesPage() {
  const auth = useRequireAuth();
  const list = useCursorList((cursor) => allianceApi.myClaims(cursor), [], {
    enabled: auth.status === 'signedIn',
    refreshOnShow: true,
  });
  const [open, setOpen] = useState<string | null>(null);
  useReachBottom(() => void list.loadMore());

  return (
    <View className="rc-page rc-alliance-codes">
      <NavBar />
      <View className="rc-section-title">出示二维码或报出券码即可核销</View>
      <PageContent
        page={list.page}
        isEmpty={(d) => d.items.length === 0}
        emptyText="还没有领取优惠券"
        emptyHint="去“联盟优惠”看看吧"
        emptyIcon="ticket"
        emptyAction={{ label: '去看看优惠', onClick: () => void openPage(ALLIANCE_OFFERS_PAGE) }}
      >
        {(data) => (
          <View>
            {data.items.map((claim) => (
              <ClaimCard
                key={claim.id}
                claim={claim}
                expanded={(open ?? data.items[0]?.id) === claim.id}
                onToggle={() => setOpen(claim.id)}
              />
            ))}
            <MoreFooter list={list} />
            <View
              style={{ padding: '12px', textAlign: 'center', color: '#9e0f15' }}
              onClick={() => void openPage(ALLIANCE_OFFERS_PAGE)}
            >
              去领更多优惠
            </View>
          </View>
        )}
      </PageContent>
    </View>
  );
}
