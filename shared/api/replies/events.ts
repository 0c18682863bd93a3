// Reply schemas of events (see ./common.ts).
import * as z from 'zod';
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  ROLL_CALLS,
  SIGNUP_STATUSES,
  type AttendeeView,
  type EventDetailReply,
  type EventReply,
  type EventView,
  type MySignupView,
  type RollCallsReply,
  type SignupReply,
  type SignupView,
} from '../events';
import { count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

export const eventViewSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    kind: z.enum(EVENT_KINDS),
    title: z.string(),
    description: z.string(),
    location: z.string(),
    startsAt: instant,
    endsAt: instant,
    capacity: count,
    seatsTaken: count,
    seatsLeft: count,
    waitlistCount: count,
    waitlist: z.boolean(),
    status: z.enum(EVENT_STATUSES),
    signupClosesAt: instant.nullable(),
    minAge: count.nullable(),
    maxAge: count.nullable(),
    maxParticipantsPerSignup: count,
    rollCalls: z.array(z.enum(ROLL_CALLS)),
    createdAt: instant,
    updatedAt: instant,
  }))();

export const signupViewSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    eventId: z.string(),
    status: z.enum(SIGNUP_STATUSES),
    seats: count,
    waitlistPosition: count.optional(),
    waitlistPositionApproximate: z.boolean().optional(),
    createdAt: instant,
    contactName: z.string().optional(),
    participants: z.array(z.object({ name: z.string(), age: count })).optional(),
    participantsErasedAt: instant.optional(),
    guardianConsent: z.object({ userId: z.string(), at: instant, policyVersion: z.string() }).optional(),
    attendedAt: instant.optional(),
    attendance: z.partialRecord(z.enum(ROLL_CALLS), instant).optional(),
    ticket: z.string().optional(),
    cancelledAt: instant.optional(),
  }))();

export const attendeeViewSchema = /* @__PURE__ */ (() =>
  signupViewSchema.extend({
    userId: z.string(),
    nickname: z.string(),
    guardianPhone: z.string().optional(),
  }))();

export const mySignupViewSchema = /* @__PURE__ */ (() =>
  signupViewSchema.extend({ event: eventViewSchema.nullable() }))();

export const eventReplySchema = /* @__PURE__ */ (() => z.object({ event: eventViewSchema }))();
export const eventDetailReplySchema = /* @__PURE__ */ (() =>
  z.object({ event: eventViewSchema, mySignup: signupViewSchema.nullable() }))();
export const signupReplySchema = /* @__PURE__ */ (() => z.object({ signup: signupViewSchema }))();
export const attendeeReplySchema = /* @__PURE__ */ (() => z.object({ signup: attendeeViewSchema }))();
export const rollCallsReplySchema = /* @__PURE__ */ (() =>
  z.object({
    rollCalls: z.array(
      z.object({ name: z.enum(ROLL_CALLS), present: count, missing: z.array(attendeeViewSchema) }),
    ),
  }))();

export type EventReplyChecks = [
  Expect<Same<z.output<typeof eventViewSchema>, EventView>>,
  Expect<Same<z.output<typeof signupViewSchema>, SignupView>>,
  Expect<Same<z.output<typeof attendeeViewSchema>, AttendeeView>>,
  Expect<Same<z.output<typeof mySignupViewSchema>, MySignupView>>,
  Expect<Same<z.output<typeof eventReplySchema>, EventReply>>,
  Expect<Same<z.output<typeof eventDetailReplySchema>, EventDetailReply>>,
  Expect<Same<z.output<typeof signupReplySchema>, SignupReply>>,
  Expect<Same<z.output<typeof rollCallsReplySchema>, RollCallsReply>>,
];

export const eventsReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/events': eventReplySchema,
  'GET /v1/events': pageOf(eventViewSchema),
  'GET /v1/events/{id}': eventDetailReplySchema,
  'PATCH /v1/events/{id}': eventReplySchema,
  'POST /v1/events/{id}/close': eventReplySchema,
  'POST /v1/events/{id}/cancel': eventReplySchema,
  'POST /v1/events/{id}/signups': signupReplySchema,
  'DELETE /v1/events/{id}/signups/me': signupReplySchema,
  'GET /v1/events/{id}/signups': pageOf(attendeeViewSchema),
  'GET /v1/me/signups': pageOf(mySignupViewSchema),
  'POST /v1/events/{id}/attendance': attendeeReplySchema,
  'GET /v1/events/{id}/rollcalls': rollCallsReplySchema,
}))();
