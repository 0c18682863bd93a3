// Records → the contract's reply shapes. Private fields (children, phones, tickets) only go to who may see them.
import {
  rollCallsFor,
  type AttendeeView,
  type EventView,
  type MySignupView,
  type RollCallSummary,
  type SignupView,
} from '../../shared/api/events';
import { maskPhone } from '../../shared/api/common';
import { signToken } from '../lib/signedTokens';
import type { RollCallRecord } from './attendanceService';
import { seatsTakenOf, type EventState, type SignupRecord } from './model';
import type { SignupWithPlace } from './signupService';

export function toEventView({ event, ledger }: EventState): EventView {
  const seatsTaken = seatsTakenOf(ledger);
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    description: event.description,
    location: event.location,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    capacity: ledger.capacity,
    seatsTaken,
    seatsLeft: Math.max(0, ledger.seatsFree),
    waitlistCount: Math.max(0, ledger.waitlistCount),
    waitlist: ledger.waitlist,
    status: ledger.status,
    signupClosesAt: ledger.signupClosesAt,
    minAge: event.minAge,
    maxAge: event.maxAge,
    maxParticipantsPerSignup: event.maxParticipantsPerSignup,
    rollCalls: rollCallsFor(event.kind),
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

export function ticketFor(signup: Pick<SignupRecord, 'eventId' | 'id'>): string {
  return signToken('ticket', { e: signup.eventId, s: signup.id });
}

/** The signup as its owner sees it (children included, ticket when confirmed, place while waiting). */
export function toOwnSignupView({ signup, place }: SignupWithPlace): SignupView {
  return {
    ...baseView(signup, place),
    ...privacyFields(signup),
    ...(signup.status === 'confirmed' ? { ticket: ticketFor(signup) } : {}),
  };
}

/** The call-out name, children, the erasure mark and the guardian's consent: to the owner and to staff only. */
function privacyFields(signup: SignupRecord) {
  return {
    ...(signup.contactName ? { contactName: signup.contactName } : {}),
    ...(signup.participants.length ? { participants: signup.participants } : {}),
    ...(signup.participantsErasedAt ? { participantsErasedAt: signup.participantsErasedAt } : {}),
    ...(signup.guardianConsent ? { guardianConsent: signup.guardianConsent } : {}),
  };
}

/**
 * The signup as staff see it: who, children, the guardian phone; never the ticket. The phone is masked unless
 * `fullPhone` (the roll-call on the event's own day, see attendanceService.phoneVisible).
 */
export function toAttendeeView(signup: SignupRecord, fullPhone = false): AttendeeView {
  const phone = signup.guardianPhone;
  return {
    ...baseView(signup),
    userId: signup.userId,
    nickname: signup.nickname,
    ...privacyFields(signup),
    ...(phone ? { guardianPhone: fullPhone ? phone : maskPhone(phone) } : {}),
  };
}

/** One of "my signups": the signup as its owner sees it, with its event (null if the event no longer exists). */
export function toMySignupView(entry: SignupWithPlace & { state: EventState | null }): MySignupView {
  return {
    ...toOwnSignupView(entry),
    event: entry.state ? toEventView(entry.state) : null,
  };
}

export function toRollCallSummary(rollCall: RollCallRecord, fullPhone = false): RollCallSummary {
  return {
    name: rollCall.name,
    present: rollCall.present,
    missing: rollCall.missing.map((s) => toAttendeeView(s, fullPhone)),
  };
}

function baseView(signup: SignupRecord, place?: SignupWithPlace['place']): SignupView {
  return {
    id: signup.id,
    eventId: signup.eventId,
    status: signup.status,
    seats: signup.seats,
    ...(signup.status === 'waitlisted' && place
      ? {
          waitlistPosition: place.position,
          ...(place.approximate ? { waitlistPositionApproximate: true } : {}),
        }
      : {}),
    createdAt: signup.createdAt,
    ...(signup.attendedAt ? { attendedAt: signup.attendedAt, attendance: signup.attendance } : {}),
    ...(signup.cancelledAt && signup.status === 'cancelled' ? { cancelledAt: signup.cancelledAt } : {}),
  };
}
