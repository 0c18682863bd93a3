// One event in the 活动 tab's list (and its month view): kind, title, time and place, seats left.
import { View } from '@tarojs/components';
import { EVENT_KIND_LABELS, EVENT_STATUS_LABELS, type EventView } from '@shared/api/events';
import { formatDateTime } from '../../lib/districtTime';
import { openPage } from '../../navigation';

export function EventCard({ event }: { event: EventView }) {
  const full = event.seatsLeft === 0;
  return (
    <View
      className="rc-events-card"
      onClick={() => void openPage(`/packages/events/pages/detail/index?id=${event.id}`)}
    >
      <View className="rc-events-card__top">
        <View className={`rc-events-card__kind rc-events-card__kind--${event.kind}`}>
          {EVENT_KIND_LABELS[event.kind]}
        </View>
        {Date.parse(event.endsAt) <= Date.now() ? (
          <View className="rc-events-card__status">已结束</View>
        ) : event.status !== 'open' ? (
          <View className="rc-events-card__status">{EVENT_STATUS_LABELS[event.status]}</View>
        ) : null}
      </View>
      <View className="rc-events-card__title">{event.title}</View>
      <View className="rc-events-card__meta">
        {formatDateTime(event.startsAt)} · {event.location}
      </View>
      <View className="rc-events-card__seats">
        <View className="rc-events-card__bar">
          <View
            className="rc-events-card__fill"
            style={{ width: `${Math.min(100, (event.seatsTaken / event.capacity) * 100)}%` }}
          />
        </View>
        <View className={full ? 'rc-events-card__left rc-events-card__left--full' : 'rc-events-card__left'}>
          {full
            ? event.waitlist
              ? `已满 · 候补 ${event.waitlistCount}`
              : '已满'
            : `余 ${event.seatsLeft} 个名额`}
        </View>
      </View>
    </View>
  );
}
