// Weekday × hour heat map of check-ins (district time), drawn with Views: darker red = more arrivals.
import { View } from '@tarojs/components';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function shade(value: number, max: number): string {
  if (value <= 0) return '#f3eeea';
  const strength = 0.2 + 0.8 * (value / max);
  return `rgba(200, 22, 29, ${strength.toFixed(2)})`;
}

export function HeatMap({ id, title, cells }: { id: string; title: string; cells: number[][] }) {
  const max = Math.max(1, ...cells.flat());
  return (
    <View className="rc-card rc-dashboard-chart" id={`rc-dashboard-chart-${id}`}>
      <View className="rc-dashboard-chart__title">{title}</View>
      {cells.map((row, weekday) => (
        <View key={WEEKDAYS[weekday]} className="rc-dashboard-heat__row">
          <View className="rc-dashboard-heat__day">{WEEKDAYS[weekday]}</View>
          {row.map((value, hour) => (
            <View key={hour} className="rc-dashboard-heat__cell" style={{ background: shade(value, max) }} />
          ))}
        </View>
      ))}
      <View className="rc-dashboard-heat__hours">
        <View>0时</View>
        <View>6时</View>
        <View>12时</View>
        <View>18时</View>
        <View>23时</View>
      </View>
      <View className="rc-dashboard-chart__note">颜色越深，到访越多；最多 {max} 人次/小时</View>
    </View>
  );
}
