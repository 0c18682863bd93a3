// 阵地预约: the venues by kind (中心场地, 学习教育阵地, 户外活动阵地) with address, capacity, facilities and hours;
// on WeChat a map with a marker per venue above the list. Anyone may browse; booking starts on the venue's page.
import { View } from '@tarojs/components';
import { VENUE_KINDS, VENUE_KIND_LABELS, type Venue, type VenueKind } from '@shared/api/venues';
import { useState } from 'react';
import { venuesApi } from '../../../../api/venues';
import { NavBar, PageContent, usePageData } from '../../../../components';
import { openPage } from '../../../../navigation';
import { VenueMap } from '../../components/VenueMap';
import './index.scss';

const openVenue = (id: string) => void openPage(`/packages/venues/pages/detail/index?id=${id}`);

function VenueCard({ venue }: { venue: Venue }) {
  return (
    <View className="rc-card rc-venues-list__card" data-venue={venue.id} onClick={() => openVenue(venue.id)}>
      <View className="rc-venues-list__head">
        <View className="rc-venues-list__name">{venue.name}</View>
        <View className={`rc-venues-list__tag rc-venues-list__tag--${venue.bookable ? 'open' : 'shown'}`}>
          {venue.bookable ? '可预约' : '仅展示'}
        </View>
      </View>
      <View className="rc-venues-list__meta">{venue.address}</View>
      <View className="rc-venues-list__meta">
        容纳 {venue.capacity} 人 · {venue.opensAt ? `${venue.opensAt}–${venue.closesAt}` : '全天开放'}
      </View>
      {venue.facilities.length ? (
        <View className="rc-venues-list__meta">设施：{venue.facilities.join('、')}</View>
      ) : null}
    </View>
  );
}

export default function VenueListPage() {
  const [kind, setKind] = useState<VenueKind>('centre_room');
  const page = usePageData(() => venuesApi.list(kind), [kind], { refreshOnShow: true });
  return (
    <View className="rc-page rc-venues-list">
      <NavBar />
      <View className="rc-venues-list__intro">
        党群服务中心 380 平方米阵地免费开放，企业党组织可在线预约；“一核多点”学习教育和户外活动阵地遍布商圈。
      </View>
      <View className="rc-venues-list__tabs">
        {VENUE_KINDS.map((k) => (
          <View
            key={k}
            className={`rc-venues-list__tab${k === kind ? ' rc-venues-list__tab--active' : ''}`}
            onClick={() => setKind(k)}
          >
            {VENUE_KIND_LABELS[k]}
          </View>
        ))}
      </View>
      <PageContent page={page} isEmpty={(p) => p.items.length === 0} emptyText="暂无场地" emptyIcon="pin">
        {(p) => (
          <View>
            <VenueMap venues={p.items} onOpen={openVenue} />
            {p.items.map((venue) => (
              <VenueCard key={venue.id} venue={venue} />
            ))}
          </View>
        )}
      </PageContent>
    </View>
  );
}
