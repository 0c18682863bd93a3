import { View } from '@tarojs/components';
import { ErrorState, Loading, useRequireAuth } from '../../components';
import { entriesFor, type FeatureEntry } from '../../features';
import { openPage } from '../../navigation';
import './index.scss';

const OPENINGS = ['组织开放', '服务开放', '活动开放', '阵地开放'];

function FeatureCard({ entry }: { entry: FeatureEntry }) {
  return (
    <View className="rc-home__card" data-feature={entry.id} onClick={() => void openPage(entry.url)}>
      <View className="rc-home__badge">{entry.badge ?? entry.title.slice(0, 1)}</View>
      <View className="rc-home__card-title">{entry.title}</View>
      <View className="rc-home__card-desc">{entry.description}</View>
      {entry.opening ? <View className="rc-home__card-tag">{entry.opening}</View> : null}
    </View>
  );
}

/** 首页: the service centre's welcome and the "four openings" as entries to the features. */
export default function HomePage() {
  const auth = useRequireAuth();
  const entries = entriesFor('home', auth.roles);

  return (
    <View className="rc-page rc-home">
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

      {auth.status === 'error' ? <ErrorState error={auth.error} onRetry={() => void auth.refresh()} /> : null}
      {auth.status === 'loading' ? <Loading /> : null}
      {auth.status === 'signedIn' ? (
        <>
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
        </>
      ) : null}
    </View>
  );
}
