// "Who is active": names and participations only (PIPL — staff see names, nothing else about the person).
import { View } from '@tarojs/components';
import type { DashboardReply } from '@shared/api/admin';

export function Ranking({ ranking }: { ranking: DashboardReply['ranking'] }) {
  return (
    <View className="rc-card">
      <View className="rc-dashboard-card__title">活跃之星（{ranking.month}，按参与次数）</View>
      {ranking.items.length === 0 ? (
        <View className="rc-dashboard-chart__note">本月暂无参与记录</View>
      ) : (
        ranking.items.map((item, i) => (
          <View key={`${i}-${item.name}`} className="rc-dashboard-row__part">
            <View>
              {i + 1}. {item.name}
            </View>
            <View>{item.participations} 次</View>
          </View>
        ))
      )}
      <View className="rc-dashboard-chart__note">仅供工作人员表彰志愿者使用，请勿外传</View>
    </View>
  );
}
