// Occupancy gauge of a space: green under 80 %, amber 80–99 %, red when full. Used by the spaces tab and the
// check-in page of the spaces subpackage.
import { View } from '@tarojs/components';
import { occupancyLevel } from '@shared/api/spaces';
import './Gauge.scss';

const LEVEL_TEXT = { green: '空位充足', amber: '即将满员', red: '已满' } as const;

export interface GaugeProps {
  occupancy: number;
  capacity: number;
  /** Larger type for the check-in page. */
  large?: boolean;
}

export function Gauge({ occupancy, capacity, large }: GaugeProps) {
  const level = occupancyLevel(occupancy, capacity);
  const percent = capacity > 0 ? Math.min(100, Math.round((occupancy / capacity) * 100)) : 100;
  return (
    <View
      className={`rc-spaces-gauge rc-spaces-gauge--${level}${large ? ' rc-spaces-gauge--large' : ''}`}
      data-level={level}
    >
      <View className="rc-spaces-gauge__row">
        <View className="rc-spaces-gauge__count">
          <View className="rc-spaces-gauge__occupancy">{occupancy}</View>
          <View className="rc-spaces-gauge__capacity">/ {capacity} 人</View>
        </View>
        <View className="rc-spaces-gauge__level">{LEVEL_TEXT[level]}</View>
      </View>
      <View className="rc-spaces-gauge__track" aria-label={`在场 ${occupancy} 人，共 ${capacity} 个位置`}>
        <View className="rc-spaces-gauge__fill" style={{ width: `${percent}%` }} />
      </View>
    </View>
  );
}
