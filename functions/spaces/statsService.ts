// Staff statistics of one space (a day, or a series of days for the chart). Visits are counted into them from the
// table's stream (visitFigures.ts).
import type { SpaceSeriesReply, SpaceStatsReply } from '../../shared/api/spaces';
import { ValidationError } from '../lib/errors';
import { daysBetween, districtDate } from '../lib/time';
import { spacesClock } from './clock';
import { dayStatsFromItem } from './model';
import { spaceService } from './spaceService';
import { statsStore } from './statsStore';

/** The days staff may ask about: a series ending on the first one still starts in a four-digit year. */
export const STATS_FIRST_DAY = '2000-01-01';
export const STATS_LAST_DAY = '2100-12-31';

/** A requested day (any valid YYYY-MM-DD passes the schema, year 0000 too) within the days there can be figures. */
function checkDay(field: 'date' | 'to', date: string | undefined): void {
  if (date !== undefined && (date < STATS_FIRST_DAY || date > STATS_LAST_DAY))
    throw new ValidationError({ [field]: `日期应在 ${STATS_FIRST_DAY} 至 ${STATS_LAST_DAY} 之间` });
}

export const statsService = {
  async day(spaceId: string, date?: string): Promise<SpaceStatsReply> {
    checkDay('date', date);
    await spaceService.require(spaceId, false);
    const day = date ?? districtDate(spacesClock.now());
    return { date: day, ...(await statsStore.day(spaceId, day)) };
  },

  /** `days` district days ending with `to` (default today), oldest first, days without visits as zeros. */
  async series(spaceId: string, days: number, to?: string): Promise<SpaceSeriesReply> {
    checkDay('to', to);
    await spaceService.require(spaceId, false);
    const last = to ?? districtDate(spacesClock.now());
    const first = districtDate(Date.parse(`${last}T12:00:00+08:00`) - (days - 1) * 86400000);
    const stored = await statsStore.range(spaceId, first, last);
    return {
      from: first,
      to: last,
      days: daysBetween(first, last).map((date) => ({
        date,
        ...(stored.get(date) ?? dayStatsFromItem(undefined)),
      })),
    };
  },
};
