// Helpers shared by the venues integration tests: a suite with staff, venues to book, district times, and the
// audit of the booking invariant straight from the store (slots held, bookings, who holds what).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateVenueRequest } from '../../shared/api/venues';
import { slotStarts } from '../../shared/api/venues';
import { db, tableName } from '../../functions/lib/db';
import { batchGet } from '../../functions/lib/dynamo';
import { disarmAllFailpoints } from '../../functions/lib/faults';
import { bookingFromItem, bookingKey, type BookingRecord } from '../../functions/venues/model';
import { slotStore } from '../../functions/venues/slotStore';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';

/** The district date `days` from today (UTC+8). */
export function districtDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
/** An instant at HH:MM district time, `days` from today, as the client sends it. */
export const at = (days: number, hhmm: string) => `${districtDay(days)}T${hhmm}:00+08:00`;

export interface VenuesSuite {
  app: TestApp;
  staff: { token: string; userId: string };
  newUser(): Promise<{ token: string; userId: string }>;
  newVenue(overrides?: Partial<CreateVenueRequest>): Promise<string>;
}

export function venuesSuite(options: TestAppOptions = {}): VenuesSuite {
  let users = 0;
  let venues = 0;
  const suite = {
    newUser: () => suite.app.login(`venue_user_${++users}`),
    async newVenue(overrides = {}) {
      const res = await suite.app.request('POST', '/v1/venues', {
        token: suite.staff.token,
        body: {
          name: `测试会议室 ${++venues}`,
          kind: 'centre_room',
          address: '新威路 17 号',
          capacity: 30,
          opensAt: '08:00',
          closesAt: '20:00',
          ...overrides,
        },
      });
      if (res.status !== 201) throw new Error(`venue: ${res.status} ${res.text}`);
      return res.body.venue.id as string;
    },
  } as VenuesSuite;
  beforeAll(async () => {
    suite.app = await startTestApp(options);
    suite.staff = await suite.app.userWithRoles('venue_staff', ['staff']);
  });
  afterEach(() => disarmAllFailpoints());
  afterAll(async () => {
    disarmAllFailpoints();
    await suite.app.close();
  });
  return suite;
}

export const bookingBody = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
  startsAt,
  endsAt,
  purpose: '支部主题党日',
  organisation: '华联大厦联合党支部',
  attendees: 10,
  ...extra,
});

export function book(
  suite: VenuesSuite,
  token: string,
  venueId: string,
  startsAt: string,
  endsAt: string,
  headers: Record<string, string> = {},
) {
  return suite.app.request('POST', `/v1/venues/${venueId}/bookings`, {
    token,
    body: bookingBody(startsAt, endsAt),
    headers,
  });
}

/**
 * Every booking of a venue, whatever its status: found through the venue's queue (settle the index first when it
 * lags), then each read again from the base table, so statuses are current.
 */
async function bookingsOf(venueId: string): Promise<BookingRecord[]> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byQueue',
      KeyConditionExpression: 'queuePk = :q',
      ExpressionAttributeValues: { ':q': `VENUEBOOKINGS#${venueId}` },
    }),
  );
  const keys = (reply.Items ?? []).map((item) => bookingKey(item.id as string));
  return batchGet(keys, { consistent: true }, bookingFromItem);
}

export interface Audit {
  bookings: BookingRecord[];
  active: BookingRecord[];
  /** slot start → holder */
  held: Map<string, string>;
  /** Active bookings that overlap another active booking (must always be empty). */
  overlapping: string[];
  /** Active bookings missing a slot of their own (must always be empty). */
  unheld: string[];
  /** Held slots whose holder is not an active or claiming booking: time held by nobody. */
  orphans: string[];
}

/** The invariant straight from the store (call after `app.indexesSettled()` when the index lags). */
export async function audit(venueId: string): Promise<Audit> {
  const bookings = await bookingsOf(venueId);
  const active = bookings.filter((b) => b.status === 'pending' || b.status === 'approved');
  const held = new Map((await slotStore.heldIn(venueId)).map((s) => [s.slotStart, s.holder]));
  const overlapping = active
    .filter((a) => active.some((b) => b.id !== a.id && a.startsAt < b.endsAt && b.startsAt < a.endsAt))
    .map((b) => b.id);
  const unheld = active
    .filter((b) => slotStarts(b.startsAt, b.endsAt).some((s) => held.get(s) !== b.id))
    .map((b) => b.id);
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const orphans = [...held.entries()]
    .filter(([, holder]) => !['pending', 'approved', 'claiming'].includes(byId.get(holder)?.status ?? ''))
    .map(([slot]) => slot);
  return { bookings, active, held, overlapping, unheld, orphans };
}
