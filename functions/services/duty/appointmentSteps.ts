// The appointment invariant's one owner: booked (on the shift) = booked appointments + bookings in flight
// ≤ capacity, one appointment per user and shift. Single-item conditional writes, no transactions: the write that
// moves the counter records the change as an intent on the shift (intents[userId] = tag); later steps are
// conditional on their own item; the last removes the intent conditional on its exact tag, so it happens once.
// A FINISHER (the reconciler, two runs at once are safe, or the user's own next try once the intent is stale)
// completes or undoes a left-over intent through `settle()`.
//
// BOOK
//   1 shift  booked +1, intents[u] = b   IF booked < capacity ∧ not over ∧ no intent of u
//            └ crash → booked one high (errs safe: fewer places). Finisher: void marker on the appointment (the
//              booking can never be written late), no appointment names b → undo: booked −1, intent removed
//   2 appt   put booked, intent = b       IF none, or (not booked ∧ not voided for b)
//            refused: u holds one (undo as above → 409 ALREADY_BOOKED) or the finisher voided b (undo → 503)
//            └ crash → finisher: the appointment names b → step 3
//   3 shift  remove intents[u]            IF intents[u] = b
// CANCEL
//   1 shift  intents[u] = c (no counter moves)   IF no intent of u ∧ not over (an ended shift keeps its
//            appointments: refused → 409 SHIFT_OVER, nothing written)
//            └ crash → finisher: the appointment is still booked → completes 2–3 (the user asked to cancel)
//   2 appt   booked → cancelled, intent = c       IF booked (refused: nothing to cancel, intent removed → 404)
//            └ crash → booked one high (safe). Finisher: the appointment names c → step 3
//   3 shift  booked −1, remove intents[u]         IF intents[u] = c
// A recount (reconcileService) runs only with no intent in flight and nothing written since it read the shift,
// and never puts booked above the capacity (that is an error for staff, logged, not written).
// A LOST REPLY: the store applied a step but its reply was lost; the store client sends it again and the copy is
// refused by the original. After a refused step the item is read again (consistently): when it shows this very
// write (the shift's intents[u] = this tag; the appointment booked, or cancelled, by this tag) the step went
// through and the request goes on; only someone else's write is a refusal (tests/integration/duty-lost-replies).
import { ConflictError, NotFoundError, UnavailableError } from '../../lib/errors';
import { failpoint } from '../../lib/faults';
import { nowIso } from '../../lib/time';
import { appointmentStore } from './appointmentStore';
import {
  newIntent,
  type AppointmentRecord,
  type AppointmentStatus,
  type Intent,
  type ShiftRecord,
} from './model';
import { shiftStore } from './shiftStore';

export type BookOutcome =
  { outcome: 'booked'; appointment: AppointmentRecord } | { outcome: 'refused' } | { outcome: 'duplicate' };

async function finishBooking(shiftId: string, intent: Intent): Promise<void> {
  failpoint('services.duty.book.afterAppointmentWritten');
  await shiftStore.settle(shiftId, intent);
}

async function finishCancel(shiftId: string, intent: Intent): Promise<void> {
  failpoint('services.duty.cancel.afterAppointmentCancelled');
  await shiftStore.settle(shiftId, intent, -1);
}

/** After a refused shift write that records `intent`: whether the intent there is this very write (reply lost). */
async function intentRecorded(shiftId: string, intent: Intent): Promise<boolean> {
  return (await shiftStore.get(shiftId))?.intents[intent.userId] === intent.tag;
}

/** After a refused appointment write: whether the appointment is in `status` by this very write (reply lost). */
const writtenBy = (current: AppointmentRecord | null, intent: Intent, status: AppointmentStatus) =>
  current?.status === status && current.intent === intent.tag;

/** BOOK 1–3. `refused`: the shift's condition did not hold (nothing written). */
export async function book(
  shift: Pick<ShiftRecord, 'id' | 'startsAt'>,
  userId: string,
  input: { question: string | null; key: string | null },
): Promise<BookOutcome> {
  const intent = newIntent(userId, 'book');
  const at = nowIso();
  if (!(await shiftStore.takePlace(shift.id, intent, at)) && !(await intentRecorded(shift.id, intent)))
    return { outcome: 'refused' };
  failpoint('services.duty.book.afterPlaceTaken');
  const appointment: AppointmentRecord = {
    shiftId: shift.id,
    userId,
    status: 'booked',
    intent: intent.tag,
    question: input.question,
    key: input.key,
    startsAt: shift.startsAt,
    createdAt: at,
  };
  if (!(await appointmentStore.putBooked(appointment))) {
    const current = await appointmentStore.get(shift.id, userId);
    if (!writtenBy(current, intent, 'booked')) {
      await shiftStore.settle(shift.id, intent, -1);
      failpoint('services.duty.book.afterPlaceReturned');
      if (current?.status === 'booked') return { outcome: 'duplicate' };
      throw new UnavailableError(); // the reconciler voided this booking (this request was very slow)
    }
  }
  await finishBooking(shift.id, intent);
  return { outcome: 'booked', appointment };
}

/**
 * CANCEL 1–3. False when step 1 is refused: the user's intent slot is taken (a change of theirs is in flight), or the
 * shift is over.
 */
export async function cancel(shiftId: string, userId: string): Promise<boolean> {
  const intent = newIntent(userId, 'cancel');
  if (!(await shiftStore.recordIntent(shiftId, intent, nowIso())) && !(await intentRecorded(shiftId, intent)))
    return false;
  failpoint('services.duty.cancel.afterIntent');
  if (
    !(await appointmentStore.cancel(shiftId, userId, intent.tag, nowIso())) &&
    !writtenBy(await appointmentStore.get(shiftId, userId), intent, 'cancelled')
  ) {
    await shiftStore.settle(shiftId, intent);
    throw new NotFoundError('您没有预约该班次');
  }
  await finishCancel(shiftId, intent);
  return true;
}

/**
 * The finisher of one left-over intent. Every write is one of the steps above, conditional on the intent's tag,
 * so two finishers (or a finisher and the slow request itself) change the shift once.
 */
export async function settle(shiftId: string, intent: Intent): Promise<'finished' | 'undone' | 'dropped'> {
  const now = nowIso();
  if (intent.op === 'book') {
    if (await appointmentStore.putVoid(shiftId, intent.userId, intent.tag, now))
      failpoint('services.duty.settle.afterVoided');
    const appointment = await appointmentStore.get(shiftId, intent.userId);
    if (appointment?.status === 'booked' && appointment.intent === intent.tag) {
      await shiftStore.settle(shiftId, intent);
      return 'finished';
    }
    await shiftStore.settle(shiftId, intent, -1);
    return 'undone';
  }
  let appointment = await appointmentStore.get(shiftId, intent.userId);
  if (appointment?.status === 'booked') {
    await appointmentStore.cancel(shiftId, intent.userId, intent.tag, now);
    failpoint('services.duty.settle.afterCancelled');
    appointment = await appointmentStore.get(shiftId, intent.userId);
  }
  if (appointment?.status === 'cancelled' && appointment.intent === intent.tag) {
    await shiftStore.settle(shiftId, intent, -1);
    return 'finished';
  }
  await shiftStore.settle(shiftId, intent); // nothing of it happened: drop it
  return 'dropped';
}

export const alreadyBooked = () => new ConflictError('ALREADY_BOOKED', '您已预约该班次');
export const shiftFull = () => new ConflictError('SHIFT_FULL', '该班次已约满');
export const shiftOver = (what = '') => new ConflictError('SHIFT_OVER', `该班次已结束${what}`);
/** The shift has ended (when `now`, epoch ms): it takes no bookings and keeps its appointments. */
export const isOver = (shift: Pick<ShiftRecord, 'endsAt'>, now = Date.now()) =>
  Date.parse(shift.endsAt) <= now;
