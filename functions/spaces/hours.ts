// Opening hours and automatic check-out times, in district time (UTC+8).
import { AUTO_CHECKOUT_HOURS_WITHOUT_HOURS } from '../../shared/api/spaces';
import { districtDate, districtInstant, districtMinutes } from '../lib/time';

interface Hours {
  opensAt: string | null;
  closesAt: string | null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Open from `opensAt` (inclusive) to `closesAt` (exclusive) each district day; no hours means always open. */
export function isOpenAt(space: Hours, at: number): boolean {
  if (!space.opensAt || !space.closesAt) return true;
  const now = districtMinutes(at);
  return now >= minutesOf(space.opensAt) && now < minutesOf(space.closesAt);
}

/** When a check-in made at `at` closes by itself: today's closing time, or 12 hours later without hours. */
export function autoCheckoutAt(space: Hours, at: number): string {
  if (space.closesAt) return districtInstant(districtDate(at), space.closesAt).toISOString();
  return new Date(at + AUTO_CHECKOUT_HOURS_WITHOUT_HOURS * 3600 * 1000).toISOString();
}
