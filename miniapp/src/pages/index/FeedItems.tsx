// The rows of the 首页 feed: an event, a space with its live gauge, an offer, a wall message. Each opens its page.
import { View } from '@tarojs/components';
import { ALLIANCE_LABELS, type Offer } from '@shared/api/alliance';
import { EVENT_KIND_LABELS, type EventView } from '@shared/api/events';
import type { Space } from '@shared/api/spaces';
import type { Message } from '@shared/api/wall';
import { Gauge } from '../../features/spaces/Gauge';
import { formatDateTime, relativeTime } from '../../lib/districtTime';
import { openPage } from '../../navigation';

export function EventRow({ event }: { event: EventView }) {
  return (
    <View
      className="rc-home__row rc-home__event"
      data-event-id={event.id}
      onClick={() => void openPage(`/packages/events/pages/detail/index?id=${encodeURIComponent(event.id)}`)}
    >
      <View className="rc-home__row-main">
        <View className="rc-home__row-title">{event.title}</View>
        <View className="rc-home__row-meta">
          {formatDateTime(event.startsAt)} · {event.location}
        </View>
      </View>
      <View className="rc-home__row-side">
        <View className="rc-home__tag">{EVENT_KIND_LABELS[event.kind]}</View>
        <View className="rc-home__row-note">
          {event.seatsLeft > 0 ? `余 ${event.seatsLeft} 个名额` : event.waitlist ? '可候补' : '已满'}
        </View>
      </View>
    </View>
  );
}

export function SpaceRow({ space }: { space: Space }) {
  return (
    <View
      className="rc-home__row rc-home__space"
      data-space-id={space.id}
      onClick={() => void openPage('/pages/spaces/index')}
    >
      <View className="rc-home__row-main">
        <View className="rc-home__row-title">{space.name}</View>
        {/* The gauge beside it says how many are in: the line under the name says where. */}
        <View className="rc-home__row-meta">{space.address}</View>
      </View>
      <View className="rc-home__gauge">
        <Gauge
          occupancy={space.occupancy}
          capacity={space.capacity}
          openNow={space.openNow}
          opensAt={space.opensAt}
          closesAt={space.closesAt}
        />
      </View>
    </View>
  );
}

export function OfferRow({ offer }: { offer: Offer }) {
  return (
    <View
      className="rc-home__row rc-home__offer"
      data-offer-id={offer.id}
      onClick={() =>
        void openPage(`/packages/alliance/pages/detail/index?id=${encodeURIComponent(offer.id)}`)
      }
    >
      <View className="rc-home__row-main">
        <View className="rc-home__row-title">{offer.title}</View>
        <View className="rc-home__row-meta">{offer.merchant.name}</View>
      </View>
      <View className="rc-home__row-side">
        <View className="rc-home__tag">{ALLIANCE_LABELS[offer.alliance]}</View>
        <View className="rc-home__row-note">
          {offer.remaining > 0 ? `剩 ${offer.remaining} 张` : '已领完'}
        </View>
      </View>
    </View>
  );
}

export function MessageRow({ message }: { message: Message }) {
  return (
    <View
      className="rc-home__row rc-home__message"
      data-message-id={message.id}
      onClick={() => void openPage('/pages/wall/index')}
    >
      <View className="rc-home__row-main">
        <View className="rc-home__quote">“{message.text}”</View>
        <View className="rc-home__row-meta">
          {message.author?.nickname ?? '匿名'} · {relativeTime(message.createdAt)} · ♥ {message.likes}
        </View>
      </View>
    </View>
  );
}
