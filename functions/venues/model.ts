// Item keys, records and their mapping for venues and bookings (one table; see infra/table.yml).
//   VENUE#<id> / META                 the venue (byFeed VENUES#<kind> / <createdAt>#<id>; byQueue VENUES / same)
//   VENUE#<id> / SLOT#<startIso>      one half-hour slot held by one booking: {holder}; absent when free
//   BOOKING#<id> / META               the booking, which is also the intent of its slot claims
//       byOwner  USER#<userId> / BOOKING#<createdAt>#<id>        the booker's list
//       byQueue  VENUEBOOKINGS#<venueId> / <startsAt>#<id>        a venue's bookings by time
//       byFeed   BOOKINGS#<phase> / <startsAt>#<id>                staff queue by status; the reconciler's work lists
// A booking's phase is its status, except that a declined, cancelled or failed booking whose slots are not yet
// given back is in phase `releasing` (so the reconciler finds it) until they are.
import { idPathParams } from '../../shared/api/common';
import type { BookingStatus, VenueKind } from '../../shared/api/venues';

type Item = Record<string, unknown>;

export const venueParams = idPathParams;
export const bookingParams = idPathParams;

export const ALL_VENUES_QUEUE = 'VENUES';
export const venueFeed = (kind: VenueKind) => `VENUES#${kind}`;
export const venueKey = (id: string) => ({ pk: `VENUE#${id}`, sk: 'META' });
export const slotKey = (venueId: string, slotStart: string) => ({
  pk: `VENUE#${venueId}`,
  sk: `SLOT#${slotStart}`,
});
export const bookingKey = (id: string) => ({ pk: `BOOKING#${id}`, sk: 'META' });
export const venueBookingsQueue = (venueId: string) => `VENUEBOOKINGS#${venueId}`;
export const bookingPhaseFeed = (phase: BookingPhase) => `BOOKINGS#${phase}`;

/** `claiming`: the intent, slots being taken; `failed`: a refused or rolled-back claim (never shown). */
export type StoredBookingStatus = BookingStatus | 'claiming' | 'failed';
export type BookingPhase = StoredBookingStatus | 'releasing';

export interface VenueRecord {
  id: string;
  name: string;
  kind: VenueKind;
  address: string;
  location: { lat: number; lng: number } | null;
  capacity: number;
  facilities: string[];
  opensAt: string | null;
  closesAt: string | null;
  bookable: boolean;
  createdAt: string;
  updatedAt: string;
}

export type VenueChanges = Partial<Omit<VenueRecord, 'id' | 'createdAt' | 'updatedAt'>>;

export interface BookingRecord {
  id: string;
  venueId: string;
  venueName: string;
  userId: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  organisation: string;
  attendees: number;
  status: StoredBookingStatus;
  /** Whether the slots of a declined, cancelled or failed booking have all been given back. */
  released: boolean;
  createdAt: string;
  /** Epoch ms of the last status change: a claiming intent older than the lease belongs to a dead request. */
  changedAt: number;
  reason?: string;
  decidedBy?: string;
  /** The booker accepted a subscribe message: reminded the day before once approved (reminderService.ts). */
  subscribe?: boolean;
}

export const ACTIVE_STATUSES: StoredBookingStatus[] = ['pending', 'approved'];
export const CLOSED_STATUSES: StoredBookingStatus[] = ['declined', 'cancelled', 'failed'];

export function phaseOf(status: StoredBookingStatus, released: boolean): BookingPhase {
  return CLOSED_STATUSES.includes(status) && !released ? 'releasing' : status;
}

export function venueItem(venue: VenueRecord): Item {
  const { location, opensAt, closesAt, ...rest } = venue;
  const sort = `${venue.createdAt}#${venue.id}`;
  return {
    ...venueKey(venue.id),
    type: 'venue',
    ...rest,
    ...(location ? { location } : {}),
    ...(opensAt && closesAt ? { opensAt, closesAt } : {}),
    feedPk: venueFeed(venue.kind),
    feedSk: sort,
    queuePk: ALL_VENUES_QUEUE,
    queueSk: sort,
  };
}

export function venueFromItem(item: Item): VenueRecord {
  return {
    id: item.id as string,
    name: item.name as string,
    kind: item.kind as VenueKind,
    address: item.address as string,
    location: (item.location as VenueRecord['location'] | undefined) ?? null,
    capacity: item.capacity as number,
    facilities: (item.facilities as string[] | undefined) ?? [],
    opensAt: (item.opensAt as string | undefined) ?? null,
    closesAt: (item.closesAt as string | undefined) ?? null,
    bookable: item.bookable as boolean,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export function bookingItem(booking: BookingRecord): Item {
  return {
    ...bookingKey(booking.id),
    type: 'booking',
    ...booking,
    ownerPk: `USER#${booking.userId}`,
    ownerSk: `BOOKING#${booking.createdAt}#${booking.id}`,
    queuePk: venueBookingsQueue(booking.venueId),
    queueSk: `${booking.startsAt}#${booking.id}`,
    feedPk: bookingPhaseFeed(phaseOf(booking.status, booking.released)),
    feedSk: `${booking.startsAt}#${booking.id}`,
  };
}

export function bookingFromItem(item: Item): BookingRecord {
  return {
    id: item.id as string,
    venueId: item.venueId as string,
    venueName: item.venueName as string,
    userId: item.userId as string,
    startsAt: item.startsAt as string,
    endsAt: item.endsAt as string,
    purpose: item.purpose as string,
    organisation: item.organisation as string,
    attendees: item.attendees as number,
    status: item.status as StoredBookingStatus,
    released: (item.released as boolean | undefined) ?? false,
    createdAt: item.createdAt as string,
    changedAt: item.changedAt as number,
    ...(item.reason ? { reason: item.reason as string } : {}),
    ...(item.decidedBy ? { decidedBy: item.decidedBy as string } : {}),
    ...(item.subscribe === true ? { subscribe: true } : {}),
  };
}

/** The slot start (UTC ISO) out of a slot item's sort key. */
export const slotStartOf = (sk: string) => sk.slice('SLOT#'.length);
