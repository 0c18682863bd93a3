// Seats taken out of capacity as a bar, with the waiting list when there is one.
import { View } from '@tarojs/components';
import type { EventView } from '@shared/api/events';
import './SeatsGauge.scss';

export function SeatsGauge({ event, compact = false }: { event: EventView; compact?: boolean }) {
  const ratio = Math.min(1, event.seatsTaken / Math.max(1, event.capacity));
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'busy' : 'ok';
  return (
    <View className={`rc-events-gauge${compact ? ' rc-events-gauge--compact' : ''}`}>
      <View className="rc-events-gauge__bar">
        <View
          className={`rc-events-gauge__fill rc-events-gauge__fill--${level}`}
          style={{ width: `${ratio * 100}%` }}
        />
      </View>
      <View className="rc-events-gauge__text">
        已报 {event.seatsTaken}/{event.capacity}
        {event.seatsLeft > 0 ? `，余 ${event.seatsLeft} 个名额` : '，名额已满'}
        {event.waitlistCount > 0 ? `，候补 ${event.waitlistCount} 人` : ''}
      </View>
    </View>
  );
}
