// 活动 tab: upcoming events by kind, soonest first; each card opens the detail page (events subpackage).
import { View } from '@tarojs/components';
import {
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  EVENT_STATUS_LABELS,
  type EventKind,
  type EventView,
} from '@shared/api/events';
import { useState } from 'react';
import { eventsApi } from '../../api/events';
import { PageContent, useAuth, usePageData } from '../../components';
import { formatDateTime } from '../../lib/districtTime';
import { openPage } from '../../navigation';
import './index.scss';

const TABS: { kind: EventKind | undefined; label: string }[] = [
  { kind: undefined, label: '全部' },
  ...EVENT_KINDS.map((kind) => ({ kind, label: EVENT_KIND_LABELS[kind] })),
];

function EventCard({ event }: { event: EventView }) {
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
        {event.status !== 'open' ? (
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

export default function EventsPage() {
  const auth = useAuth();
  const [kind, setKind] = useState<EventKind | undefined>(undefined);
  const page = usePageData(() => eventsApi.list(kind), [kind], { refreshOnShow: true });

  return (
    <View className="rc-page rc-events">
      <View className="rc-events__tabs">
        {TABS.map((tab) => (
          <View
            key={tab.label}
            className={tab.kind === kind ? 'rc-events__tab rc-events__tab--active' : 'rc-events__tab'}
            onClick={() => setKind(tab.kind)}
          >
            {tab.label}
          </View>
        ))}
      </View>
      <View className="rc-events__links">
        {auth.status === 'signedIn' ? (
          <View
            className="rc-events__link"
            onClick={() => void openPage('/packages/events/pages/mine/index')}
          >
            我的报名
          </View>
        ) : null}
        {auth.hasRole('staff') ? (
          <View
            className="rc-events__link rc-events__link--staff"
            onClick={() => void openPage('/packages/events/pages/edit/index')}
          >
            发布活动
          </View>
        ) : null}
      </View>
      <PageContent
        page={page}
        isEmpty={(p) => p.items.length === 0}
        emptyText="暂无活动"
        emptyHint="新活动发布后会出现在这里"
      >
        {(p) => p.items.map((event) => <EventCard key={event.id} event={event} />)}
      </PageContent>
    </View>
  );
}
