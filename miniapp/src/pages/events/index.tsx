// 活动 tab: upcoming events by kind, soonest first, with search; or 月历, a month of district days with the events
// of the chosen day. Each card opens the detail page (events subpackage).
import { Input, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind, type EventView } from '@shared/api/events';
import { useMemo, useState } from 'react';
import { eventsApi } from '../../api/events';
import { MoreFooter, PageContent, useAuth } from '../../components';
import { EventCard } from '../../features/events/EventCard';
import { MonthCalendar } from '../../features/events/MonthCalendar';
import { districtDay } from '../../lib/districtTime';
import { useCursorList } from '../../lib/useCursorList';
import { openPage } from '../../navigation';
import './index.scss';

const TABS: { kind: EventKind | undefined; label: string }[] = [
  { kind: undefined, label: '全部' },
  ...EVENT_KINDS.map((kind) => ({ kind, label: EVENT_KIND_LABELS[kind] })),
];

type ListMode = 'list' | 'month';

export default function EventsPage() {
  const auth = useAuth();
  const today = districtDay(Date.now());
  const [kind, setKind] = useState<EventKind | undefined>(undefined);
  const [view, setView] = useState<ListMode>('list');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [day, setDay] = useState<string | null>(null);
  const monthOf = view === 'month' ? month : undefined;
  const list = useCursorList<EventView>(
    (cursor) => eventsApi.list({ kind, cursor: cursor ?? undefined, month: monthOf, q: q || undefined }),
    [kind, q, monthOf],
    { refreshOnShow: true },
  );
  useReachBottom(() => void list.loadMore());
  const eventDays = useMemo(
    () => new Set((list.page.data?.items ?? []).map((e) => districtDay(e.startsAt))),
    [list.page.data],
  );
  const search = (text: string) => setQ(text.trim());
  const shown = (items: EventView[]) =>
    view === 'month' && day ? items.filter((e) => districtDay(e.startsAt) === day) : items;

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
      <View className="rc-events__toolbar">
        <View className="rc-events__search">
          <Input
            className="rc-events__search-input"
            confirmType="search"
            placeholder="搜索活动名称或地点"
            value={typed}
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={(e) => search(e.detail.value)}
          />
          {typed ? (
            <View
              className="rc-events__search-clear"
              ariaLabel="清除搜索"
              onClick={() => {
                setTyped('');
                setQ('');
              }}
            >
              ×
            </View>
          ) : null}
          <View className="rc-events__search-go" onClick={() => search(typed)}>
            搜索
          </View>
        </View>
        <View className="rc-events__views">
          {(['list', 'month'] as const).map((v) => (
            <View
              key={v}
              className={v === view ? 'rc-events__view rc-events__view--active' : 'rc-events__view'}
              onClick={() => setView(v)}
            >
              {v === 'list' ? '列表' : '月历'}
            </View>
          ))}
        </View>
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
      {view === 'month' ? (
        <MonthCalendar
          month={month}
          today={today}
          eventDays={eventDays}
          selected={day}
          onSelect={setDay}
          onMonth={(m) => {
            setMonth(m);
            setDay(null);
          }}
        />
      ) : null}
      <PageContent
        page={list.page}
        isEmpty={(p) => shown(p.items).length === 0}
        emptyText={
          q
            ? `没有找到“${q}”相关的活动`
            : view === 'month'
              ? day
                ? '这一天没有活动'
                : '这个月没有活动'
              : '暂无活动'
        }
        emptyHint={q ? '换个关键词试试' : '新活动发布后会出现在这里'}
        emptyIcon={q ? 'search' : 'calendar'}
        emptyAction={
          q
            ? {
                label: '清除搜索',
                onClick: () => {
                  setTyped('');
                  setQ('');
                },
              }
            : undefined
        }
      >
        {(p) => (
          <View>
            {shown(p.items).map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
            {view === 'list' ? <MoreFooter list={list} /> : null}
          </View>
        )}
      </PageContent>
    </View>
  );
}
