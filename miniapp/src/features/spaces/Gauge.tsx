// Occupancy gauge of a space: green under 80 %, amber 80–99 %, red when full; grey 未开放 / 已闭馆 with the hours
// outside opening hours (a closed space never reads 空位充足). Used by the spaces tab and the check-in page.
import { View } from '@tarojs/components';
import { occupancyLevel } from '@shared/api/spaces';
import { formatClock } from '../../lib/districtTime';
import './Gauge.scss';

const LEVEL_TEXT = { green: '空位充足', amber: '即将满员', red: '已满' } as const;

export interface GaugeProps {
  occupancy: number;
  capacity: number;
  /** From the Space: whether it is within its hours now, and the hours (HH:MM, district time). */
  openNow: boolean;
  opensAt: string | null;
  closesAt: string | null;
  /** Larger type for the check-in page. */
  large?: boolean;
}

/** 未开放 before today's opening, 已闭馆 after closing, with the hours when the space has them. */
export function closedText(opensAt: string | null, closesAt: string | null, now = Date.now()): string {
  const clock = formatClock(new Date(now).toISOString());
  const state = opensAt && clock < opensAt ? '未开放' : '已闭馆';
  return opensAt && closesAt ? `${state} · 开放时间 ${opensAt}–${closesAt}` : state;
}

export function Gauge({ occupancy, capacity, openNow, opensAt, closesAt, large }: GaugeProps) {
  const level = openNow ? occupancyLevel(occupancy, capacity) : 'closed';
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
        <View className="rc-spaces-gauge__level">
          {level === 'closed' ? closedText(opensAt, closesAt) : LEVEL_TEXT[level]}
        </View>
      </View>
      <View className="rc-spaces-gauge__track" aria-label={`在场 ${occupancy} 人，共 ${capacity} 个位置`}>
        <View className="rc-spaces-gauge__fill" style={{ width: `${percent}%` }} />
      </View>
    </View>
  );
}
