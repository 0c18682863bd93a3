// Helpers of the duty-desk tests: shifts in district time (UTC+8), bookings, and the invariant's audit read from
// the base table (the shift's counter against its booked appointments and bookings in flight).
import { appointmentStore } from '../../functions/services/duty/appointmentStore';
import { shiftStore } from '../../functions/services/duty/shiftStore';
import type { TestApp } from '../support/app';

const DAY_MS = 86400_000;

/** The district date `days` from today. */
export const districtDay = (days: number) =>
  new Date(Date.now() + days * DAY_MS + 8 * 3600_000).toISOString().slice(0, 10);

/** The district Monday of the week `weeks` from this one. */
export function districtMonday(weeks: number): string {
  const today = new Date(`${districtDay(0)}T00:00:00Z`);
  const back = (today.getUTCDay() + 6) % 7;
  return new Date(today.getTime() - back * DAY_MS + weeks * 7 * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export async function createShift(
  app: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
  date = districtDay(1),
) {
  const res = await app.request('POST', '/v1/duty', {
    token,
    body: {
      startsAt: `${date}T09:00:00+08:00`,
      endsAt: `${date}T11:30:00+08:00`,
      department: '区税务局',
      steward: '王税务',
      topics: ['税收优惠'],
      capacity: 5,
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`shift not created: ${res.status} ${res.text}`);
  return res.body.shift as { id: string; startsAt: string; endsAt: string; capacity: number };
}

export const book = (app: TestApp, shiftId: string, token: string, question?: string, key?: string) =>
  app.request('POST', `/v1/duty/${shiftId}/appointments`, {
    token,
    body: question ? { question } : {},
    headers: key ? { 'Idempotency-Key': key } : undefined,
  });

export const cancelMine = (app: TestApp, shiftId: string, token: string) =>
  app.request('DELETE', `/v1/duty/${shiftId}/appointments/me`, { token });

/** booked on the shift, the booked appointments, the intents in flight — read consistently. */
export async function audit(shiftId: string) {
  const shift = (await shiftStore.get(shiftId))!;
  const appointments = await appointmentStore.bookedOn(shiftId);
  return {
    booked: shift.booked,
    capacity: shift.capacity,
    appointments: appointments.length,
    intents: Object.keys(shift.intents).length,
    users: appointments.map((a) => a.userId),
  };
}

/** The counter is explained by the appointments plus the bookings in flight, and never passes the capacity. */
export async function expectExact(shiftId: string, appointments: number) {
  const a = await audit(shiftId);
  expect({ booked: a.booked, appointments: a.appointments, intents: a.intents }).toEqual({
    booked: appointments,
    appointments,
    intents: 0,
  });
  expect(a.booked).toBeLessThanOrEqual(a.capacity);
}
