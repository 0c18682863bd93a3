// Staff statistics of one space (a day, or a series of days for the chart), and counting a visit into them.
import type { SpaceSeriesReply, SpaceStatsReply } from '../../shared/api/spaces';
import type { CurrentUser } from '../lib/principal';
import { logger, serializeError } from '../lib/logger';
import { countVisitFigures } from '../lib/dashboardCounters';
import { countDaily } from '../lib/metrics';
import { daysBetween, districtDate } from '../lib/time';
import { spacesClock } from './clock';
import { dayStatsFromItem, type SpaceRecord } from './model';
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

  /**
   * Visit statistics and the dashboard metric, after a check-in is complete (`occupancy`: the counter as it left
   * it). Best effort: they never fail the check-in.
   */
  async countVisit(space: SpaceRecord, user: CurrentUser, occupancy: number, now: number): Promise<void> {
    const date = districtDate(now);
    const identity = user.identity ?? 'unknown';
    const counted = await Promise.allSettled([
      statsStore.countVisit(space.id, date, identity),
      statsStore.countVisitorOnce(space.id, date, user.id, now),
      statsStore.raisePeak(space.id, date, occupancy),
      countDaily(`checkins.${identity}`, 1, now),
      countVisitFigures(user.id, identity, now),
    ]);
    for (const result of counted) {
      if (result.status === 'rejected')
        logger.warn('space visit not counted', { spaceId: space.id, error: serializeError(result.reason) });
    }
  },
};
