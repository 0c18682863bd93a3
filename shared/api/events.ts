// Events (walking Party lessons, youth education, activities): request schemas and reply types, shared by the
// handlers and the mini-program. The contract is the "Events" section of API.md; additions are in docs/api/events.md.
import * as z from 'zod/mini';
import { humanText, idPathParams, multilineText, isoInstant, pageQuerySchema, phoneSchema } from './common';

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

const age = /* @__PURE__ */ (() => z.number().check(z.int('年龄应为整数'), z.gte(0), z.lte(120)))();

const eventFields = /* @__PURE__ */ (() => ({
  title: humanText(1, 50),
  description: multilineText(0, 2000),
  location: humanText(1, 100),
  startsAt: isoInstant,
  endsAt: isoInstant,
  capacity: z.number().check(z.int(), z.gte(1), z.lte(MAX_CAPACITY)),
  waitlist: z.boolean(),
  signupClosesAt: isoInstant,
  minAge: age,
  maxAge: age,
  maxParticipantsPerSignup: z.number().check(z.int(), z.gte(1), z.lte(MAX_CHILDREN_PER_SIGNUP)),
}))();

export const createEventSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.enum(EVENT_KINDS),
    title: eventFields.title,
    description: z._default(eventFields.description, ''),
    location: eventFields.location,
    startsAt: eventFields.startsAt,
    endsAt: eventFields.endsAt,
    capacity: eventFields.capacity,
    waitlist: z._default(eventFields.waitlist, true),
    signupClosesAt: z.optional(eventFields.signupClosesAt),
    minAge: z.optional(eventFields.minAge),
    maxAge: z.optional(eventFields.maxAge),
    maxParticipantsPerSignup: z.optional(eventFields.maxParticipantsPerSignup),
  }))();
export type CreateEventRequest = z.input<typeof createEventSchema>;

/** PATCH /v1/events/{id}: any subset; `null` clears an optional field. The kind cannot change. */
export const updateEventSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      title: z.optional(eventFields.title),
      description: z.optional(eventFields.description),
      location: z.optional(eventFields.location),
      startsAt: z.optional(eventFields.startsAt),
      endsAt: z.optional(eventFields.endsAt),
      capacity: z.optional(eventFields.capacity),
      waitlist: z.optional(eventFields.waitlist),
      signupClosesAt: z.optional(z.nullable(eventFields.signupClosesAt)),
      minAge: z.optional(z.nullable(eventFields.minAge)),
      maxAge: z.optional(z.nullable(eventFields.maxAge)),
      maxParticipantsPerSignup: z.optional(eventFields.maxParticipantsPerSignup),
      status: z.optional(z.enum(EVENT_STATUSES)),
    })
    .check(z.refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' })))();
export type UpdateEventRequest = z.input<typeof updateEventSchema>;

export const participantSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: humanText(1, 20),
    age: age,
  }))();
export type Participant = z.infer<typeof participantSchema>;

/** The guardian's explicit consent on a youth sign-up: `agreed` must be true, for the policy version shown. */
export const guardianConsentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    agreed: z.literal(true, { message: '请阅读并勾选同意监护人授权' }),
    policyVersion: z.string().check(z.minLength(1), z.maxLength(32)),
  }))();
export type GuardianConsentRequest = z.input<typeof guardianConsentSchema>;

export const signUpSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    participants: z.optional(z.array(participantSchema).check(z.maxLength(MAX_CHILDREN_PER_SIGNUP))),
    /** Youth education: the guardian's phone when the profile has none (extension). */
    guardianPhone: z.optional(phoneSchema),
    /** The user accepted the one-time subscribe message on the sign-up tap (extension). */
    subscribe: z.optional(z.boolean()),
    /**
     * Youth education: the guardian agrees to the children's-information rules. A boolean is the contract's form
     * (../shared/API.md: `true` consents to the version in force); `{agreed, policyVersion}` (1.1) names the version
     * read. Other kinds ignore it, `false` too.
     */
    guardianConsent: z.optional(
      z.union([z.boolean(), guardianConsentSchema], { error: '请阅读并勾选同意监护人授权' }),
    ),
    /** The name staff call out at the roll-call (1.3; optional for older clients, who show the nickname). */
    contactName: z.optional(humanText(1, 20)),
  }))();
export type SignUpRequest = z.input<typeof signUpSchema>;

/** Staff attendance: `signupId` (contract) or the ticket QR text (extension); `rollCall` defaults to the first. */
export const attendanceSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      signupId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
      ticket: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
      rollCall: z.optional(z.enum(ROLL_CALLS)),
    })
    .check(
      z.refine((v) => !!v.signupId !== !!v.ticket, {
        message: '请提供 signupId 或 ticket 其中之一',
        path: ['signupId'],
      }),
    ))();
export type AttendanceRequest = z.input<typeof attendanceSchema>;

export const listEventsQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    kind: z.optional(z.enum(EVENT_KINDS)),
    /** A district month (YYYY-MM): the events starting in it, ended ones too (the month view). */
    month: z.optional(z.string().check(z.regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'))),
    /** Words in the title or the place. */
    q: z.optional(
      z.string().check(z.trim(), z.minLength(1, '请输入搜索内容'), z.maxLength(30, '搜索内容最多 30 个字')),
    ),
  }))();
export const listSignupsQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    format: z._default(z.enum(['json', 'csv']), 'json'),
    status: z.optional(z.enum(SIGNUP_STATUSES)),
  }))();
export const eventIdParamsSchema = idPathParams;

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
