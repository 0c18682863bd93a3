// Staff attendance: a ticket QR (signed token) or a signup id marks a roll-call; party lessons have three
// (depart, arrive, return) and staff see who has not come back; other kinds have one (attend).
import { rollCallsFor, type AttendanceRequest, type RollCall } from '../../shared/api/events';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../lib/errors';
import { countAttendanceFigures } from '../lib/dashboardCounters';
import { verifyToken } from '../lib/signedTokens';
import { eventService } from './eventService';
import { districtDate } from '../lib/time';
import { parseSignupId, type EventRecord, type SignupRecord } from './model';
import { signupStore } from './signupStore';

/** One roll-call: how many are marked, and the confirmed signups not marked (on `return`: departed, not back). */
export interface RollCallRecord {
  name: RollCall;
  present: number;
  missing: SignupRecord[];
}

function signupIdFrom(eventId: string, request: AttendanceRequest): string {
  if (request.signupId) return request.signupId;
  const payload = verifyToken<{ e: string; s: string }>('ticket', request.ticket!);
  if (!payload) throw new ForbiddenError('电子票无效或已被篡改', 'INVALID_TICKET');
  if (payload.e !== eventId) throw new ForbiddenError('这张电子票不属于本活动', 'INVALID_TICKET');
  return payload.s;
}

async function mark(eventId: string, request: AttendanceRequest): Promise<SignupRecord> {
  const event = await eventService.get(eventId);
  const rollCalls = rollCallsFor(event.kind);
  const rollCall: RollCall = request.rollCall ?? rollCalls[0];
  if (!rollCalls.includes(rollCall))
    throw new ValidationError({ rollCall: `本活动的点名为：${rollCalls.join(' / ')}` });
  const ids = parseSignupId(signupIdFrom(eventId, request));
  if (!ids || ids.eventId !== eventId) throw new NotFoundError('报名记录不存在');
  const marked = await signupStore.markAttendance(eventId, ids.userId, rollCall, new Date().toISOString());
  if (!marked) {
    const signup = await signupStore.get(eventId, ids.userId);
    if (!signup) throw new NotFoundError('报名记录不存在');
    throw new ConflictError(
      'SIGNUP_NOT_CONFIRMED',
      signup.status === 'waitlisted' ? '该报名仍在候补中' : '该报名已取消',
    );
  }
  if (marked.first) await countAttendanceFigures(event.kind, ids.userId);
  return marked.signup;
}

/** Each roll-call with how many are marked and who is missing; on `return`, missing means departed and not back. */
async function rollCallSummary(eventId: string): Promise<RollCallRecord[]> {
  const event = await eventService.get(eventId);
  const confirmed = (await signupStore.allByEvent(eventId)).filter((s) => s.status === 'confirmed');
  return rollCallsFor(event.kind).map((name) => {
    const expected = name === 'return' ? confirmed.filter((s) => s.attendance.depart) : confirmed;
    return {
      name,
      present: confirmed.filter((s) => s.attendance[name]).length,
      missing: expected.filter((s) => !s.attendance[name]),
    };
  });
}

/**
 * Guardian phones are shown in full only on the roll-call of the event's day: from the district date of its start to
 * that of its end (UTC+8); masked on every other day (PIPL: the least personal data for the task).
 */
export function phoneVisible(event: Pick<EventRecord, 'startsAt' | 'endsAt'>, now = Date.now()): boolean {
  const today = districtDate(now);
  return today >= districtDate(Date.parse(event.startsAt)) && today <= districtDate(Date.parse(event.endsAt));
}

/** The roll-call summary, and whether its guardian phones may be shown in full today. */
async function rollCallSheet(
  eventId: string,
  now = Date.now(),
): Promise<{ rollCalls: RollCallRecord[]; phonesVisible: boolean }> {
  const event = await eventService.get(eventId);
  return { rollCalls: await rollCallSummary(eventId), phonesVisible: phoneVisible(event, now) };
}

export const attendanceService = { mark, rollCallSummary, rollCallSheet };
