// The event form's text fields, and how they turn into a create or update request (district times, empty = unset).
import type { EventKind, EventView } from '@shared/api/events';
import { districtDay, fromDistrictInput, toDistrictInput } from '../../../../lib/districtTime';

export interface Draft {
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  signupClosesAt: string;
  capacity: string;
  waitlist: boolean;
  minAge: string;
  maxAge: string;
  maxParticipantsPerSignup: string;
}

export const EMPTY_DRAFT: Draft = {
  kind: 'party_lesson',
  title: '',
  description: '',
  location: '',
  startsAt: '',
  endsAt: '',
  signupClosesAt: '',
  capacity: '30',
  waitlist: true,
  minAge: '',
  maxAge: '',
  maxParticipantsPerSignup: '1',
};

const HOUR_MS = 3600 * 1000;

/** A new event's draft: tomorrow 09:00–11:00, district time. */
export function newDraft(now: number = Date.now()): Draft {
  const tomorrow = districtDay(now + 24 * HOUR_MS);
  return { ...EMPTY_DRAFT, startsAt: `${tomorrow} 09:00`, endsAt: `${tomorrow} 11:00` };
}

/** A new start; an end that is unset or no longer after it moves to two hours after the start. */
export function withStart(d: Draft, startsAt: string): Draft {
  const start = fromDistrictInput(startsAt);
  if (!start || (d.endsAt && d.endsAt > startsAt)) return { ...d, startsAt };
  return { ...d, startsAt, endsAt: toDistrictInput(new Date(Date.parse(start) + 2 * HOUR_MS).toISOString()) };
}

export function draftOf(e: EventView): Draft {
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    location: e.location,
    startsAt: toDistrictInput(e.startsAt),
    endsAt: toDistrictInput(e.endsAt),
    signupClosesAt: toDistrictInput(e.signupClosesAt),
    capacity: String(e.capacity),
    waitlist: e.waitlist,
    minAge: e.minAge === null ? '' : String(e.minAge),
    maxAge: e.maxAge === null ? '' : String(e.maxAge),
    maxParticipantsPerSignup: String(e.maxParticipantsPerSignup),
  };
}

export function requestOf(d: Draft, editing: boolean): Record<string, unknown> {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const time = (s: string) => (s.trim() === '' ? undefined : (fromDistrictInput(s) ?? s));
  const youth = d.kind === 'youth_education';
  return {
    ...(editing ? {} : { kind: d.kind }),
    title: d.title,
    description: d.description,
    location: d.location,
    startsAt: time(d.startsAt),
    endsAt: time(d.endsAt),
    signupClosesAt: time(d.signupClosesAt) ?? (editing ? null : undefined),
    capacity: num(d.capacity),
    waitlist: d.waitlist,
    minAge: youth ? (num(d.minAge) ?? (editing ? null : undefined)) : undefined,
    maxAge: youth ? (num(d.maxAge) ?? (editing ? null : undefined)) : undefined,
    maxParticipantsPerSignup: youth ? num(d.maxParticipantsPerSignup) : editing ? undefined : 1,
  };
}
