// 首页: what a stranger can already use — upcoming events, the spaces' live occupancy, the latest offers and a few wall
// messages, each section with its own loading / empty / error state — then the entries to every feature. Nobody is
// asked to sign in here; that happens on an action (auth/requireSignIn.ts).
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Icon, useAuth, usePageData } from '../../components';
import { entriesFor, type FeatureEntry } from '../../features';
import { openPage } from '../../navigation';
import { PrivacyPopup } from '../../auth/PrivacyPopup';
import { FeedSection } from './FeedSection';
import { EventRow, MessageRow, OfferRow, SpaceRow } from './FeedItems';
import { latestOffers, spacesNow, upcomingEvents, wallMessages } from './feed';
import './index.scss';

const OPENINGS = ['组织开放', '服务开放', '活动开放', '阵地开放'];

function FeatureCard({ entry }: { entry: FeatureEntry }) {
  return (
    <View className="rc-home__card" data-feature={entry.id} onClick={() => void openPage(entry.url)}>
      <View className="rc-home__badge">
        <Icon name={entry.icon ?? 'inbox'} size="l" />
      </View>
      <View className="rc-home__card-title">{entry.title}</View>
      <View className="rc-home__card-desc">{entry.description}</View>
      {entry.opening ? <View className="rc-home__card-tag">{entry.opening}</View> : null}
    </View>
  );
}

export default function HomePage() {
  const auth = useAuth();
  const entries = entriesFor('home', auth.roles);
  const events = usePageData(() => upcomingEvents(), [], { refreshOnShow: true });
  const spaces = usePageData(spacesNow, [], { refreshOnShow: true });
  const offers = usePageData(latestOffers, [], { refreshOnShow: true });
  const messages = usePageData(wallMessages, [], { refreshOnShow: true });

  usePullDownRefresh(() => {
    void Promise.all([events, spaces, offers, messages].map((section) => section.refresh())).finally(() =>
      Taro.stopPullDownRefresh(),
    );
  });

  return (
    <View className="rc-page rc-home">
      <PrivacyPopup />
      <View className="rc-home__hero">
        <View className="rc-home__title">红色商圈 · 环翠楼街道党群服务中心</View>
        <View className="rc-home__greeting">
          {auth.user ? `${auth.user.nickname}，欢迎回家！` : '欢迎回家！'}
        </View>
        <View className="rc-home__openings">
          {OPENINGS.map((opening) => (
            <View key={opening} className="rc-home__opening">
              {opening}
            </View>
          ))}
        </View>
      </View>

      <FeedSection
        id="events"
        title="近期活动"
        moreUrl="/pages/events/index"
        page={events}
        emptyText="近期暂无活动"
        emptyIcon="calendar"
      >
        {(items) => items.map((event) => <EventRow key={event.id} event={event} />)}
      </FeedSection>
      <FeedSection
        id="spaces"
        title="空间实况"
        moreUrl="/pages/spaces/index"
        page={spaces}
        emptyText="暂无共享空间"
        emptyIcon="building"
      >
        {(items) => items.map((space) => <SpaceRow key={space.id} space={space} />)}
      </FeedSection>
      <FeedSection
        id="offers"
        title="联盟优惠"
        moreUrl="/packages/alliance/pages/offers/index"
        page={offers}
        emptyText="暂无优惠"
        emptyIcon="ticket"
      >
        {(items) => items.map((offer) => <OfferRow key={offer.id} offer={offer} />)}
      </FeedSection>
      <FeedSection
        id="wall"
        title="寄语墙"
        moreUrl="/pages/wall/index"
        page={messages}
        emptyText="墙上还没有寄语"
        emptyIcon="message"
      >
        {(items) => items.map((message) => <MessageRow key={message.id} message={message} />)}
      </FeedSection>

      <View className="rc-section-title">四个开放 · 服务入口</View>
      <View className="rc-home__grid">
        {entries.map((entry) => (
          <FeatureCard key={entry.id} entry={entry} />
        ))}
      </View>
      <View className="rc-card rc-home__about">
        党群服务中心
        380㎡，向辖区党员、企业职工、环卫及户外劳动者和居民免费开放：组织开放、服务开放、活动开放、阵地开放。
      </View>
    </View>
  );
}
