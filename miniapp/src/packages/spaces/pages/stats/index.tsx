// Staff: statistics of one space — the chosen day's visits, unique visitors, peak and identities, and a bar chart of
// the last 30 days (plain Views: no chart library needed). Tap a bar to see that day.
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { SpaceDayStats } from '@shared/api/spaces';
import { IDENTITY_LABELS, type Identity } from '@shared/api/users';
import { spacesApi } from '../../../../api/spaces';
import { NavBar, PageContent, usePageData, useRequireAuth, StaffOnly } from '../../../../components';
import '../staff.scss';
import './index.scss';

const identityLabel = (key: string) =>
  key === 'unknown' ? '未填写身份' : (IDENTITY_LABELS[key as Identity] ?? key);

function DayFigures({ date, day }: { date: string; day: SpaceDayStats }) {
  const identities = Object.entries(day.byIdentity).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return (
    <View className="rc-card rc-spaces-stats__day">
      <View className="rc-spaces-stats__date">{date}</View>
      <View className="rc-spaces-stats__figures">
        <View className="rc-spaces-stats__figure">
          <View className="rc-spaces-stats__value">{day.visits}</View>
          <View className="rc-spaces-stats__label">到访人次</View>
        </View>
        <View className="rc-spaces-stats__figure">
          <View className="rc-spaces-stats__value">{day.uniqueVisitors}</View>
          <View className="rc-spaces-stats__label">到访人数</View>
        </View>
        <View className="rc-spaces-stats__figure">
          <View className="rc-spaces-stats__value">{day.peakOccupancy}</View>
          <View className="rc-spaces-stats__label">最高在场</View>
        </View>
      </View>
      {identities.length > 0 ? (
        identities.map(([key, count]) => (
          <View key={key} className="rc-spaces-stats__identity">
            <View>{identityLabel(key)}</View>
            <View>{count} 人次</View>
          </View>
        ))
      ) : (
        <View className="rc-spaces-stats__none">当天无人到访</View>
      )}
    </View>
  );
}

export default function SpaceStatsPage() {
  const auth = useRequireAuth();
  const id = useRouter().params.id ?? '';
  const staff = auth.hasRole('staff');
  const page = usePageData(() => spacesApi.series(id, 30), [id], {
    enabled: auth.status === 'signedIn' && staff,
  });
  const [selected, setSelected] = useState<string | null>(null);

  if (auth.status === 'signedIn' && !staff) return <StaffOnly />;

  return (
    <View className="rc-page rc-spaces-staff rc-spaces-stats">
      <NavBar />
      <PageContent page={page}>
        {(series) => {
          const busiest = Math.max(0, ...series.days.map((d) => d.visits));
          const max = Math.max(1, busiest);
          const chosen = series.days.find((d) => d.date === selected) ?? series.days[series.days.length - 1];
          const total = series.days.reduce((sum, d) => sum + d.visits, 0);
          return (
            <View>
              <DayFigures date={chosen.date} day={chosen} />
              <View className="rc-card">
                <View className="rc-spaces-stats__chart-title">
                  近 30 天到访人次（共 {total} 人次，单日最多 {busiest}）
                </View>
                <View className="rc-spaces-stats__chart">
                  {series.days.map((d) => (
                    <View
                      key={d.date}
                      className={`rc-spaces-stats__column${d.date === chosen.date ? ' rc-spaces-stats__column--active' : ''}`}
                      onClick={() => setSelected(d.date)}
                    >
                      <View
                        className="rc-spaces-stats__bar"
                        style={{ height: `${Math.round((d.visits / max) * 100)}%` }}
                      />
                    </View>
                  ))}
                </View>
                <View className="rc-spaces-stats__axis">
                  <View>{series.from.slice(5)}</View>
                  <View>{series.to.slice(5)}</View>
                </View>
              </View>
            </View>
          );
        }}
      </PageContent>
    </View>
  );
}
