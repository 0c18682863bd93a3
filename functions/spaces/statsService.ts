// Staff statistics of one space: a day, or a series of days for the chart.
import type { SpaceSeriesReply, SpaceStatsReply } from '../../shared/api/spaces';
import { NotFoundError } from '../lib/errors';
import { daysBetween, districtDate } from '../lib/time';
import { spacesClock } from './clock';
import { spaceStore } from './spaceStore';
import { statsStore } from './statsStore';

async function requireSpace(spaceId: string): Promise<void> {
  if (!(await spaceStore.get(spaceId))) throw new NotFoundError('空间不存在');
}

export const statsService = {
  async day(spaceId: string, date?: string): Promise<SpaceStatsReply> {
    await requireSpace(spaceId);
    const day = date ?? districtDate(spacesClock.now());
    return { date: day, ...(await statsStore.day(spaceId, day)) };
  },

  /** `days` district days ending with `to` (default today), oldest first, days without visits as zeros. */
  async series(spaceId: string, days: number, to?: string): Promise<SpaceSeriesReply> {
    await requireSpace(spaceId);
    const last = to ?? districtDate(spacesClock.now());
    const first = districtDate(Date.parse(`${last}T12:00:00+08:00`) - (days - 1) * 86400000);
    const stored = await statsStore.range(spaceId, first, last);
    return {
      from: first,
      to: last,
      days: daysBetween(first, last).map((date) => ({
        date,
        ...(stored.get(date) ?? { visits: 0, uniqueVisitors: 0, peakOccupancy: 0, byIdentity: {} }),
      })),
    };
  },
};
