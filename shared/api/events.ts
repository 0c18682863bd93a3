// Events (walking Party lessons, youth education, activities): request schemas and reply types, shared by the
// handlers and the mini-program. The contract is the "Events" section of API.md; additions are in docs/api/events.md.
import * as z from 'zod';
import { humanText, multilineText, isoInstant, pageQuerySchema, phoneSchema } from './common';

export const EVENT_KINDS = ['party_lesson', 'youth_education', 'activity'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const ROLL_CALLS = ['attend', 'depart', 'arrive', 'return'] as const;
export type RollCall = (typeof ROLL_CALLS)[number];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  party_lesson: '行走的党课',
  youth_education: '党旗下的少年',
  activity: '主题活动',
};
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  open: '报名中',
  closed: '已截止',
  cancelled: '已取消',
};
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};
export const ROLL_CALL_LABELS: Record<RollCall, string> = {
  attend: '签到',
  depart: '出发',
  arrive: '到达',
  return: '返程',
};

/** Walking Party lessons are trips with named roll-calls; every other kind has one roll-call. */
export function rollCallsFor(kind: EventKind): RollCall[] {
  return kind === 'party_lesson' ? ['depart', 'arrive', 'return'] : ['attend'];
}

export const MAX_CAPACITY = 10000;
export const MAX_CHILDREN_PER_SIGNUP = 5;

const age = /* @__PURE__ */ (() => z.number().int('年龄应为整数').min(0).max(120))();

const eventFields = /* @__PURE__ */ (() => ({
  title: humanText(1, 50),
  description: multilineText(0, 2000),
  location: humanText(1, 100),
  startsAt: isoInstant,
  endsAt: isoInstant,
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  waitlist: z.boolean(),
  signupClosesAt: isoInstant,
  minAge: age,
  maxAge: age,
  maxParticipantsPerSignup: z.number().int().min(1).max(MAX_CHILDREN_PER_SIGNUP),
}))();

export const createEventSchema = /* @__PURE__ */ (() =>
  z
    .object({
      kind: z.enum(EVENT_KINDS),
      title: eventFields.title,
      description: eventFields.description.default(''),
      location: eventFields.location,
      startsAt: eventFields.startsAt,
      endsAt: eventFields.endsAt,
      capacity: eventFields.capacity,
      waitlist: eventFields.waitlist.default(true),
      signupClosesAt: eventFields.signupClosesAt.optional(),
      minAge: eventFields.minAge.optional(),
      maxAge: eventFields.maxAge.optional(),
      maxParticipantsPerSignup: eventFields.maxParticipantsPerSignup.optional(),
    })
    .strict())();
export type CreateEventRequest = z.input<typeof createEventSchema>;

/** PATCH /v1/events/{id}: any subset; `null` clears an optional field. The kind cannot change. */
export const updateEventSchema = /* @__PURE__ */ (() =>
  z
    .object({
      title: eventFields.title.optional(),
      description: eventFields.description.optional(),
      location: eventFields.location.optional(),
      startsAt: eventFields.startsAt.optional(),
      endsAt: eventFields.endsAt.optional(),
      capacity: eventFields.capacity.optional(),
      waitlist: eventFields.waitlist.optional(),
      signupClosesAt: eventFields.signupClosesAt.nullable().optional(),
      minAge: eventFields.minAge.nullable().optional(),
      maxAge: eventFields.maxAge.nullable().optional(),
      maxParticipantsPerSignup: eventFields.maxParticipantsPerSignup.optional(),
      status: z.enum(EVENT_STATUSES).optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' }))();
export type UpdateEventRequest = z.input<typeof updateEventSchema>;

export const participantSchema = /* @__PURE__ */ (() =>
  z
    .object({
      name: humanText(1, 20),
      age: age,
    })
    .strict())();
export type Participant = z.infer<typeof participantSchema>;

/** The guardian's explicit consent on a youth sign-up: `agreed` must be true, for the policy version shown. */
export const guardianConsentSchema = /* @__PURE__ */ (() =>
  z
    .object({
      agreed: z.literal(true, { message: '请阅读并勾选同意监护人授权' }),
      policyVersion: z.string().min(1).max(32),
    })
    .strict())();
export type GuardianConsentRequest = z.input<typeof guardianConsentSchema>;

export const signUpSchema = /* @__PURE__ */ (() =>
  z
    .object({
      participants: z.array(participantSchema).max(MAX_CHILDREN_PER_SIGNUP).optional(),
      /** Youth education: the guardian's phone when the profile has none (extension). */
      guardianPhone: phoneSchema.optional(),
      /** The user accepted the one-time subscribe message on the sign-up tap (extension). */
      subscribe: z.boolean().optional(),
      /** Youth education (1.1): the guardian agrees to the children's-information rules of this policy version. */
      guardianConsent: guardianConsentSchema.optional(),
      /** The name staff call out at the roll-call (1.3; optional for older clients, who show the nickname). */
      contactName: humanText(1, 20).optional(),
    })
    .strict())();
export type SignUpRequest = z.input<typeof signUpSchema>;

/** Staff attendance: `signupId` (contract) or the ticket QR text (extension); `rollCall` defaults to the first. */
export const attendanceSchema = /* @__PURE__ */ (() =>
  z
    .object({
      signupId: z.string().min(1).max(128).optional(),
      ticket: z.string().min(1).max(512).optional(),
      rollCall: z.enum(ROLL_CALLS).optional(),
    })
    .strict()
    .refine((v) => !!v.signupId !== !!v.ticket, {
      message: '请提供 signupId 或 ticket 其中之一',
      path: ['signupId'],
    }))();
export type AttendanceRequest = z.input<typeof attendanceSchema>;

export const listEventsQuerySchema = /* @__PURE__ */ (() =>
  pageQuerySchema.extend({
    kind: z.enum(EVENT_KINDS).optional(),
    /** A district month (YYYY-MM): the events starting in it, ended ones too (the month view). */
    month: z
      .string()
      .regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
      .optional(),
    /** Words in the title or the place. */
    q: z.string().trim().min(1, '请输入搜索内容').max(30, '搜索内容最多 30 个字').optional(),
  }))();
export const listSignupsQuerySchema = /* @__PURE__ */ (() =>
  pageQuerySchema.extend({
    format: z.enum(['json', 'csv']).default('json'),
    status: z.enum(SIGNUP_STATUSES).optional(),
  }))();
export const eventIdParamsSchema = /* @__PURE__ */ (() => z.object({ id: z.string().min(1).max(64) }))();

export interface EventView {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  waitlistCount: number;
  waitlist: boolean;
  status: EventStatus;
  signupClosesAt: string | null;
  minAge: number | null;
  maxAge: number | null;
  maxParticipantsPerSignup: number;
  rollCalls: RollCall[];
  createdAt: string;
  updatedAt: string;
}

export interface GuardianConsent {
  userId: string;
  at: string;
  policyVersion: string;
}

export interface SignupView {
  id: string;
  eventId: string;
  status: SignupStatus;
  seats: number;
  waitlistPosition?: number;
  /**
   * Set (true) when `waitlistPosition` is an estimate: households between the head of the list and this one have left
   * out of turn, so the place may be better than shown ("about N"). Absent when the place is exact.
   */
  waitlistPositionApproximate?: boolean;
  createdAt: string;
  /** The name given at sign-up for the roll-call (to its owner and to staff); absent when none was given. */
  contactName?: string;
  /** Only to the guardian who signed up and to staff. */
  participants?: Participant[];
  /** Set once the children's names and ages were erased (30 days after the event ended); the seats stay. */
  participantsErasedAt?: string;
  /** Youth education: who agreed, when, and to which policy version (to the guardian and to staff). */
  guardianConsent?: GuardianConsent;
  attendedAt?: string;
  /** Roll-call name → time marked. */
  attendance?: Partial<Record<RollCall, string>>;
  /** Signed ticket text for the QR code; only to the owner of a confirmed signup. */
  ticket?: string;
  cancelledAt?: string;
}

/** Staff list: the signup plus who it is. */
export interface AttendeeView extends SignupView {
  userId: string;
  nickname: string;
  guardianPhone?: string;
}

export interface MySignupView extends SignupView {
  event: EventView | null;
}

export interface EventReply {
  event: EventView;
}
export interface EventDetailReply {
  event: EventView;
  mySignup: SignupView | null;
}
export interface SignupReply {
  signup: SignupView;
}

export interface RollCallSummary {
  name: RollCall;
  present: number;
  /** Confirmed attendees not marked on this roll-call (for `return`: those who departed but are not back). */
  missing: AttendeeView[];
}
export interface RollCallsReply {
  rollCalls: RollCallSummary[];
}

/** What the sign-up button shows, from the event and the caller's signup (used by the mini-program). */
export type SignupButtonState = 'signup' | 'waitlist' | 'signed' | 'full' | 'closed';
export const SIGNUP_BUTTON_LABELS: Record<SignupButtonState, string> = {
  signup: '报名',
  waitlist: '候补',
  signed: '已报名',
  full: '已满',
  closed: '已截止',
};

export function signupButtonState(
  event: EventView,
  mySignup: SignupView | null,
  now = Date.now(),
  seats = 1,
): SignupButtonState {
  if (mySignup && mySignup.status !== 'cancelled') return 'signed';
  const closesAt = Math.min(
    Date.parse(event.startsAt),
    event.signupClosesAt ? Date.parse(event.signupClosesAt) : Infinity,
  );
  if (event.status !== 'open' || now >= closesAt) return 'closed';
  // The waiting list comes first: while anyone waits, a new sign-up joins the list.
  if (event.capacity - event.seatsTaken >= seats && event.waitlistCount === 0) return 'signup';
  return event.waitlist ? 'waitlist' : 'full';
}
