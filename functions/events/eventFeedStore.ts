// Lists of events: the public listing (by kind on `byFeed`, all kinds on `byQueue`, by start time) and the
// reconciler's working set. Reads only; the event item's writes and reads by key are in eventStore.ts.
import type { EventKind } from '../../shared/api/events';
import { queryAll, queryPage, type Page } from '../lib/dynamo';
import { ALL_EVENTS_QUEUE, eventFromItem, feedPkFor, type EventRecord } from './model';

const DAY_MS = 24 * 3600 * 1000;

/** A district month (YYYY-MM, UTC+8) as the UTC instants of its first moment and of the next month's. */
export function districtMonthBounds(month: string): [string, string] {
  const [year, m] = month.split('-').map(Number);
  const start = Date.UTC(year, m - 1, 1) - 8 * 3600 * 1000;
  const end = Date.UTC(year, m, 1) - 8 * 3600 * 1000;
  return [new Date(start).toISOString(), new Date(end).toISOString()];
}

export const eventFeedStore = {
  /**
   * Events not yet ended, soonest first: a key condition on the start time (from a day ago), then `endsAt`. With
   * `month` (a district month, YYYY-MM) the events starting in that month instead, ended ones too (the month view).
   * `q` keeps those whose title or location contains it: a filter within that window (upcoming events, or one
   * month), so what a search reads is bounded by the window, never by the history.
   */
  listCurrent(
    kind: EventKind | undefined,
    nowIso: string,
    limit: number,
    cursor?: string,
    options: { month?: string; q?: string } = {},
  ): Promise<Page<EventRecord>> {
    const list = kind
      ? { index: 'byFeed' as const, pk: 'feedPk', sk: 'feedSk', value: feedPkFor(kind) }
      : { index: 'byQueue' as const, pk: 'queuePk', sk: 'queueSk', value: ALL_EVENTS_QUEUE };
    const filters: string[] = [];
    const names: Record<string, string> = { '#pk': list.pk, '#sk': list.sk };
    const values: Record<string, string> = { ':pk': list.value };
    let keyCondition: string;
    if (options.month) {
      const [from, to] = districtMonthBounds(options.month);
      keyCondition = '#pk = :pk AND #sk BETWEEN :from AND :to';
      Object.assign(values, { ':from': from, ':to': to });
    } else {
      keyCondition = '#pk = :pk AND #sk >= :from';
      filters.push('#endsAt > :now');
      names['#endsAt'] = 'endsAt';
      Object.assign(values, { ':from': new Date(Date.parse(nowIso) - DAY_MS).toISOString(), ':now': nowIso });
    }
    if (options.q) {
      filters.push('(contains(#title, :q) OR contains(#location, :q))');
      Object.assign(names, { '#title': 'title', '#location': 'location' });
      values[':q'] = options.q;
    }
    return queryPage(
      {
        index: list.index,
        keyCondition,
        ...(filters.length ? { filter: filters.join(' AND ') } : {}),
        names,
        values,
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
