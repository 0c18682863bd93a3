// Pure rules of the events feature (no I/O): what a sign-up asks for, and whether an event's fields make sense.
import type { EventKind, GuardianConsent, Participant, SignUpRequest } from '../../shared/api/events';
import { PRIVACY_POLICY_VERSION } from '../../shared/api/users';
import { ConflictError, ValidationError } from '../lib/errors';
import { signupClosesAtMs, type EventRecord, type SeatLedger } from './model';

export interface SeatRequest {
  seats: number;
  participants: Participant[];
  guardianPhone: string | null;
}

/** Youth education: one seat per child, ages within the event's range, a guardian phone; else one seat. */
export function seatRequest(
  event: EventRecord,
  input: SignUpRequest,
  profilePhone: string | null,
): SeatRequest {
  const participants = (input.participants ?? []) as Participant[];
  const fields: Record<string, string> = {};
  if (event.kind !== 'youth_education') {
    if (participants.length > 0)
      throw new ValidationError({ participants: '该活动按本人报名，无需填写参与者' });
    return { seats: 1, participants: [], guardianPhone: null };
  }
  if (participants.length < 1 || participants.length > event.maxParticipantsPerSignup) {
    fields.participants = `请填写 1–${event.maxParticipantsPerSignup} 名孩子的信息`;
  }
  const minAge = event.minAge ?? 0;
  const maxAge = event.maxAge ?? 120;
  participants.forEach((p, i) => {
    if (p.age < minAge || p.age > maxAge)
      fields[`participants.${i}.age`] = `年龄需在 ${minAge}–${maxAge} 岁之间`;
  });
  const guardianPhone = input.guardianPhone ?? profilePhone;
  if (!guardianPhone) fields.guardianPhone = '少儿活动需要监护人手机号';
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  return { seats: participants.length, participants, guardianPhone };
}

/**
 * Youth education needs the guardian's explicit consent to the policy now in force (PIPL art. 31): the record of who
 * agreed, when, and to which version; null for other kinds. 422 `fields.guardianConsent` without it.
 */
export function guardianConsentFor(
  event: Pick<EventRecord, 'kind'>,
  input: SignUpRequest,
  userId: string,
  now: string,
): GuardianConsent | null {
  if (event.kind !== 'youth_education') return null;
  // A boolean (the contract's form): `true` agrees to the version in force; the object names the version read.
  const given = input.guardianConsent;
  const consent =
    typeof given === 'boolean' ? { agreed: given, policyVersion: PRIVACY_POLICY_VERSION } : given;
  if (!consent?.agreed) throw new ValidationError({ guardianConsent: '请阅读并勾选同意监护人授权' });
  if (consent.policyVersion !== PRIVACY_POLICY_VERSION)
    throw new ValidationError({ guardianConsent: '隐私政策已更新，请阅读最新版本后重新勾选同意' });
  return { userId, at: now, policyVersion: consent.policyVersion };
}

export function assertSignupOpen(
  ledger: Pick<SeatLedger, 'status' | 'startsAt' | 'signupClosesAt'>,
  now: number,
): void {
  if (ledger.status !== 'open') {
    throw new ConflictError('SIGNUP_CLOSED', ledger.status === 'cancelled' ? '活动已取消' : '活动报名已截止');
  }
  if (now >= signupClosesAtMs(ledger)) throw new ConflictError('SIGNUP_CLOSED', '活动报名已截止');
}

/** A sign-up for oneself (every kind but youth education): one seat, no participants. */
export const OWN_SEAT: SeatRequest = { seats: 1, participants: [], guardianPhone: null };

/**
 * Confirmed or waitlisted, from the ledger: confirmed only when the seats fit and nobody is waiting (the waiting
 * list comes first). Throws EVENT_FULL when the household cannot wait.
 */
export function placeFor(
  ledger: Pick<SeatLedger, 'seatsFree' | 'waitlistCount' | 'waitlist' | 'capacity'>,
  seats: number,
): 'confirm' | 'waitlist' {
  if (ledger.seatsFree >= seats && ledger.waitlistCount === 0) return 'confirm';
  if (!ledger.waitlist) throw new ConflictError('EVENT_FULL', '名额已满');
  // A household larger than the whole event could never be promoted: refuse rather than wait forever.
  if (seats > ledger.capacity) {
    throw new ConflictError('EVENT_FULL', `本活动共 ${ledger.capacity} 个名额，无法容纳 ${seats} 人`);
  }
  return 'waitlist';
}

export interface EventFields {
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  signupClosesAt: string | null;
  minAge: number | null;
  maxAge: number | null;
  maxParticipantsPerSignup: number;
}

/** Cross-field checks of an event (after an edit, on the merged result). Throws a 422 naming the fields. */
export function checkEventFields(
  event: EventFields,
  options: { now?: number; changed?: Set<string> } = {},
): void {
  const fields: Record<string, string> = {};
  const changed = (f: string) => !options.changed || options.changed.has(f);
  const starts = Date.parse(event.startsAt);
  if (Date.parse(event.endsAt) <= starts) fields.endsAt = '结束时间必须晚于开始时间';
  if (options.now !== undefined && changed('startsAt') && starts <= options.now)
    fields.startsAt = '开始时间必须在将来';
  if (event.signupClosesAt && Date.parse(event.signupClosesAt) > starts)
    fields.signupClosesAt = '报名截止时间不能晚于开始时间';
  if (event.minAge !== null && event.maxAge !== null && event.minAge > event.maxAge)
    fields.maxAge = '最大年龄不能小于最小年龄';
  if (event.kind !== 'youth_education' && event.maxParticipantsPerSignup !== 1) {
    fields.maxParticipantsPerSignup = '仅少儿教育活动可一次报名多人';
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
}
