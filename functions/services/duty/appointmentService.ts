// Consultations booked on a duty shift: one per user and shift, never more than the shift's places (the steps
// and their crash analysis are in appointmentSteps.ts).
import { NotFoundError, UnavailableError } from '../../lib/errors';
import { countAppointmentBooked } from '../../lib/dashboardCounters';
import { appointmentStore } from './appointmentStore';
import { alreadyBooked, book, cancel, isOver, settle, shiftFull, shiftOver } from './appointmentSteps';
import { parseIntent, STALE_INTENT_MS, type AppointmentRecord, type ShiftRecord } from './model';
import { shiftStore } from './shiftStore';

const MAX_ATTEMPTS = 5;

/** Why the shift refused (null: try again, something moved). A stale intent of the user's own is settled first. */
async function refusalOf(shiftId: string, userId: string, key?: string): Promise<Error | null> {
  const shift = await shiftStore.get(shiftId);
  if (!shift) return new NotFoundError('班次不存在');
  if (isOver(shift)) return shiftOver();
  const tag = shift.intents[userId];
  if (tag) {
    const intent = parseIntent(userId, tag);
    // Their other request is under way: a booking will hold the place, a cancel is to be waited for. With an
    // Idempotency-Key it may be this very request's first try, failed before its appointment was written (issue 17,
    // tests/integration/store-faults-duty.test.ts): try again (503), never 409 for the retry of one's own booking.
    if (Date.now() - intent.at < STALE_INTENT_MS)
      return intent.op === 'book' && !key ? alreadyBooked() : new UnavailableError();
    await settle(shiftId, intent);
    return null;
  }
  if (shift.booked >= shift.capacity) return shiftFull();
  return null;
}

export const appointmentService = {
  async book(
    shiftId: string,
    userId: string,
    input: { question?: string },
    key?: string,
  ): Promise<AppointmentRecord> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await appointmentStore.get(shiftId, userId);
      if (existing?.status === 'booked') {
        // The retry of the booking that made it gets it back; any other booking is a second one.
        if (key && existing.key === key) {
          await countAppointmentBooked(existing); // the first try may have died before counting
          return existing;
        }
        throw alreadyBooked();
      }
      const shift: ShiftRecord | null = await shiftStore.get(shiftId);
      if (!shift) throw new NotFoundError('班次不存在');
      const result = await book(shift, userId, { question: input.question ?? null, key: key ?? null });
      if (result.outcome === 'booked') {
        await countAppointmentBooked(result.appointment);
        return result.appointment;
      }
      if (result.outcome === 'duplicate') throw alreadyBooked();
      const refused = await refusalOf(shiftId, userId, key);
      if (refused) throw refused;
    }
    throw new UnavailableError();
  },

  async cancel(shiftId: string, userId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await appointmentStore.get(shiftId, userId);
      // Already cancelled: a repeat whose first reply was lost (key or not) gets the same 204, nothing applied again;
      // the first try's last step (the place given back) is finished if it died before it (settle: once, whoever).
      if (existing?.status === 'cancelled') {
        const tag = (await shiftStore.get(shiftId))?.intents[userId];
        if (tag && tag === existing.intent) await settle(shiftId, parseIntent(userId, tag));
        return;
      }
      if (existing?.status !== 'booked') throw new NotFoundError('您没有预约该班次');
      if (await cancel(shiftId, userId)) return;
      const shift = await shiftStore.get(shiftId);
      const tag = shift?.intents[userId];
      // An ended shift keeps its appointments (its `booked` and staff list stay), as booking one is refused;
      // a change of the user's still in flight is settled first (a cancel asked in time completes).
      if (!tag && shift && isOver(shift)) throw shiftOver('，不能取消预约');
      if (!tag) continue;
      const intent = parseIntent(userId, tag);
      if (Date.now() - intent.at < STALE_INTENT_MS) throw new UnavailableError();
      await settle(shiftId, intent);
    }
    throw new UnavailableError();
  },

  listMine(userId: string, limit: number, cursor?: string) {
    return appointmentStore.listMine(userId, limit, cursor);
  },

  bookedOn(shiftId: string) {
    return appointmentStore.bookedOn(shiftId);
  },
};
