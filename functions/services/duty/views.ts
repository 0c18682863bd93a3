// Replies of the duty desk: records → the contract's types (shared/api/services.ts).
import type { DutyAppointment, DutyShift } from '../../../shared/api/services';
import type { AppointmentRecord, ShiftRecord } from './model';

export function toShiftView(shift: ShiftRecord, mine?: AppointmentRecord | null): DutyShift {
  return {
    id: shift.id,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    department: shift.department,
    steward: shift.steward,
    topics: shift.topics,
    capacity: shift.capacity,
    // A left-over booking of a dead request still holds its place until it is repaired: shown as taken.
    booked: Math.min(shift.booked, shift.capacity),
    ...(mine?.status === 'booked'
      ? { mine: { createdAt: mine.createdAt, ...(mine.question ? { question: mine.question } : {}) } }
      : {}),
  };
}

export function toAppointmentView(
  a: AppointmentRecord,
  who?: { nickname: string; phone: string | null } | null,
): DutyAppointment {
  return {
    shiftId: a.shiftId,
    userId: a.userId,
    createdAt: a.createdAt,
    ...(a.question ? { question: a.question } : {}),
    ...(who ? { nickname: who.nickname, ...(who.phone ? { phone: who.phone } : {}) } : {}),
  };
}
