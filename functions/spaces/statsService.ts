// Staff statistics of one space (a day, or a series of days for the chart). Visits are counted into them from the
// table's stream (visitFigures.ts).
import type { SpaceSeriesReply, SpaceStatsReply } from '../../shared/api/spaces';
import { daysBetween, districtDate } from '../lib/time';
import { spacesClock } from './clock';
import { dayStatsFromItem } from './model';
import { spaceService } from './spaceService';
import { statsStore } from './statsStore';

export const statsService = {
  async day(spaceId: string, date?: string): Promise<SpaceStatsReply> {
    await spaceService.require(spaceId, false);
    const day = date ?? districtDate(spacesClock.now());
    return { date: day, ...(await statsStore.day(spaceId, day)) };
  },

  /** `days` district days ending with `to` (default today), oldest first, days without visits as zeros. */
  async series(spaceId: string, days: number, to?: string): Promise<SpaceSeriesReply> {
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
