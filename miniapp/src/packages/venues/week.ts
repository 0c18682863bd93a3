// The week at a glance: the half hours of a venue's opening hours on 7 district days, each free, taken (pending or
// approved) or past, and the selection a booker makes on it. Pure, so the page only draws it.
import { MAX_BOOKING_MINUTES, SLOT_MINUTES, type BookingTime, type Venue } from '@shared/api/venues';
import { districtInstant } from '../../lib/districtTime';

export type CellState = 'free' | 'pending' | 'approved' | 'past';

export interface Selection {
  day: string;
  /** Indices of the first and last half hour chosen (inclusive). */
  first: number;
  last: number;
}

/** Venues without opening hours are shown 08:00–22:00. */
const DEFAULT_HOURS = { opensAt: '08:00', closesAt: '22:00' };
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** HH:MM of each half hour's start within the venue's hours. */
export function halfHours(venue: Pick<Venue, 'opensAt' | 'closesAt'>): string[] {
  const opens = minutesOf(venue.opensAt ?? DEFAULT_HOURS.opensAt);
  const closes = minutesOf(venue.closesAt ?? DEFAULT_HOURS.closesAt);
  const starts: string[] = [];
  for (let m = Math.ceil(opens / SLOT_MINUTES) * SLOT_MINUTES; m + SLOT_MINUTES <= closes; m += SLOT_MINUTES)
    starts.push(hhmmOf(m));
  return starts;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** The state of the half hour starting at `day` `hhmm`. */
export function cellState(day: string, hhmm: string, bookings: BookingTime[], now: number): CellState {
  const start = Date.parse(districtInstant(day, hhmm));
  if (start <= now) return 'past';
  const end = start + SLOT_MINUTES * 60_000;
  const taken = bookings.find(
    (b) =>
      (b.status === 'pending' || b.status === 'approved') &&
      Date.parse(b.startsAt) < end &&
      Date.parse(b.endsAt) > start,
  );
  return taken ? (taken.status as CellState) : 'free';
}

/** The selection after tapping a free half hour: extends the current one on the same day when it can, else starts anew. */
export function select(
  current: Selection | null,
  day: string,
  index: number,
  isFree: (i: number) => boolean,
): Selection {
  if (current && current.day === day && index > current.first) {
    const span = (index - current.first + 1) * SLOT_MINUTES;
    let allFree = span <= MAX_BOOKING_MINUTES;
    for (let i = current.first; allFree && i <= index; i++) allFree = isFree(i);
    if (allFree) return { day, first: current.first, last: index };
  }
  return { day, first: index, last: index };
}

/** The instants a selection stands for. */
export function selectionTimes(selection: Selection, hours: string[]): { startsAt: string; endsAt: string } {
  const endMinutes = minutesOf(hours[selection.last]) + SLOT_MINUTES;
  return {
    startsAt: districtInstant(selection.day, hours[selection.first]),
    endsAt: districtInstant(selection.day, hhmmOf(endMinutes)),
  };
}
