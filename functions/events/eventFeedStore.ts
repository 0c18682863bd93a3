// Lists of events: the public listing (by kind on `byFeed`, all kinds on `byQueue`, by start time) and the
// reconciler's working set. Reads only; the event item's writes and reads by key are in eventStore.ts.
import type { EventKind } from '../../shared/api/events';
import { queryAll, queryPage, type Page } from '../lib/dynamo';
import { ALL_EVENTS_QUEUE, eventFromItem, feedPkFor, type EventRecord } from './model';

const DAY_MS = 24 * 3600 * 1000;

export const eventFeedStore = {
  /** Events not yet ended, soonest first: a key condition on the start time (from a day ago), then `endsAt`. */
  listCurrent(
    kind: EventKind | undefined,
    nowIso: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<EventRecord>> {
    const list = kind
      ? { index: 'byFeed' as const, pk: 'feedPk', sk: 'feedSk', value: feedPkFor(kind) }
      : { index: 'byQueue' as const, pk: 'queuePk', sk: 'queueSk', value: ALL_EVENTS_QUEUE };
    return queryPage(
      {
        index: list.index,
        keyCondition: '#pk = :pk AND #sk >= :from',
        filter: '#endsAt > :now',
        names: { '#pk': list.pk, '#sk': list.sk, '#endsAt': 'endsAt' },
        values: {
          ':pk': list.value,
          ':from': new Date(Date.parse(nowIso) - DAY_MS).toISOString(),
          ':now': nowIso,
        },
        limit,
        cursor,
      },
      eventFromItem,
    );
  },

  /** Events starting after `sinceIso` (the reconciler's working set), all of them, by start time. */
  listStartingAfter(sinceIso: string): Promise<EventRecord[]> {
    return queryAll(
      {
        index: 'byQueue',
        keyCondition: 'queuePk = :pk AND queueSk >= :from',
        values: { ':pk': ALL_EVENTS_QUEUE, ':from': sinceIso },
      },
      eventFromItem,
    );
  },
};
