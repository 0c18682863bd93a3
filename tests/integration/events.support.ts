// Helpers for the events integration tests: create events through the API and audit the seat invariant straight
// from the store (the seat ledger, the signup items and the waiting-list entries).
import { ledgerStore } from '../../functions/events/ledgerStore';
import { seatsTakenOf } from '../../functions/events/model';
import { signupStore } from '../../functions/events/signupStore';
import { waitlistStore } from '../../functions/events/waitlistStore';
import { PRIVACY_POLICY_VERSION } from '../../shared/api/users';
import type { TestApp } from '../support/app';

/** A youth sign-up's guardian consent (1.1), to spread into its body. */
export const CONSENT = { guardianConsent: { agreed: true, policyVersion: PRIVACY_POLICY_VERSION } } as const;

export const inDays = (days: number, hours = 0) =>
  new Date(Date.now() + days * 86400000 + hours * 3600000).toISOString();

export async function createEvent(app: TestApp, staffToken: string, overrides: Record<string, unknown> = {}) {
  const res = await app.request('POST', '/v1/events', {
    token: staffToken,
    body: {
      kind: 'party_lesson',
      title: '刘公岛行走的党课',
      description: '参观甲午战争博物馆',
      location: '刘公岛',
      startsAt: inDays(3),
      endsAt: inDays(3, 4),
      capacity: 10,
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`create event failed: ${res.status} ${res.text}`);
  return res.body.event as { id: string; capacity: number; kind: string };
}

export async function signUpMany(app: TestApp, eventId: string, openids: string[], body: unknown = {}) {
  const users = await Promise.all(openids.map((o) => app.login(o)));
  return {
    users,
    replies: await Promise.all(
      users.map((u) => app.request('POST', `/v1/events/${eventId}/signups`, { token: u.token, body })),
    ),
  };
}

/** The store's truth about one event. `event` holds the ledger's figures as the API shows them. */
export async function audit(eventId: string) {
  const ledger = (await ledgerStore.get(eventId))!;
  const signups = await signupStore.allByEvent(eventId);
  const entries = await waitlistStore.all(eventId);
  const confirmedSeats = signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + s.seats, 0);
  const waitlisted = signups.filter((s) => s.status === 'waitlisted');
  return {
    ledger,
    event: {
      capacity: ledger.capacity,
      seatsTaken: seatsTakenOf(ledger),
      waitlistCount: ledger.waitlistCount,
    },
    signups,
    entries,
    confirmedSeats,
    waitlisted,
    intents: Object.keys(ledger.intents).length,
  };
}

/** Never oversold: confirmed seats ≤ seatsTaken ≤ capacity (a crash may leave a seat unused, never given twice). */
export async function expectNeverOversold(eventId: string) {
  const a = await audit(eventId);
  expect(a.confirmedSeats).toBeLessThanOrEqual(a.event.seatsTaken);
  expect(a.event.seatsTaken).toBeLessThanOrEqual(a.event.capacity);
  return a;
}

/**
 * Settled: no intents, the counters are exactly what the signups say, and the waiting list's entries are exactly
 * the waiting signups at their places.
 */
export async function expectExact(eventId: string) {
  const a = await audit(eventId);
  expect(a.intents).toBe(0);
  expect(a.event.seatsTaken).toBe(a.confirmedSeats);
  expect(a.event.seatsTaken).toBeLessThanOrEqual(a.event.capacity);
  expect(a.event.waitlistCount).toBe(a.waitlisted.length);
  const bySeq = (x: { waitSeq?: number | null; seq?: number; userId: string }) =>
    `${x.waitSeq ?? x.seq}:${x.userId}`;
  expect(a.entries.map(bySeq).sort()).toEqual(a.waitlisted.map(bySeq).sort());
  return a;
}

/** What a signed-in user does on one event, for the suites that drive many users (`app` is read at call time). */
export function eventCalls(app: () => TestApp) {
  const mySignup = async (eventId: string, token: string) =>
    (await app().request('GET', `/v1/events/${eventId}`, { token })).body.mySignup;
  return {
    signUp: (eventId: string, token: string, body: unknown = {}) =>
      app().request('POST', `/v1/events/${eventId}/signups`, { token, body }),
    cancel: (eventId: string, token: string) =>
      app().request('DELETE', `/v1/events/${eventId}/signups/me`, { token }),
    mySignup,
    statusOf: async (eventId: string, token: string) => (await mySignup(eventId, token))?.status ?? null,
  };
}
