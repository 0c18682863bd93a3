// Reply schemas of venues and bookings (see ./common.ts).
import * as z from 'zod';
import {
  BOOKING_STATUSES,
  VENUE_KINDS,
  type Booking,
  type BookingReply,
  type BookingTime,
  type Venue,
  type VenueBookingsReply,
  type VenueReply,
} from '../venues';
import { calendarDate, count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

const hhmm = /* @__PURE__ */ (() => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/))();

export const venueSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(VENUE_KINDS),
    address: z.string(),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
    capacity: count,
    facilities: z.array(z.string()),
    opensAt: hhmm.optional(),
    closesAt: hhmm.optional(),
    bookable: z.boolean(),
  }))();

export const bookingSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    venueId: z.string(),
    startsAt: instant,
    endsAt: instant,
    purpose: z.string(),
    organisation: z.string(),
    attendees: count,
    status: z.enum(BOOKING_STATUSES),
    createdAt: instant,
    reason: z.string().optional(),
    venueName: z.string().optional(),
  }))();

export const bookingTimeSchema = /* @__PURE__ */ (() =>
  z.object({ startsAt: instant, endsAt: instant, status: z.enum(BOOKING_STATUSES) }))();

export const venueReplySchema = /* @__PURE__ */ (() => z.object({ venue: venueSchema }))();
export const bookingReplySchema = /* @__PURE__ */ (() => z.object({ booking: bookingSchema }))();
export const venueBookingsReplySchema = /* @__PURE__ */ (() =>
  z.object({
    from: calendarDate,
    to: calendarDate,
    items: z.array(z.union([bookingSchema, bookingTimeSchema])),
    nextCursor: z.null(),
  }))();

export type VenueReplyChecks = [
  Expect<Same<z.output<typeof venueSchema>, Venue>>,
  Expect<Same<z.output<typeof bookingSchema>, Booking>>,
  Expect<Same<z.output<typeof bookingTimeSchema>, BookingTime>>,
  Expect<Same<z.output<typeof venueReplySchema>, VenueReply>>,
  Expect<Same<z.output<typeof bookingReplySchema>, BookingReply>>,
  Expect<Same<z.output<typeof venueBookingsReplySchema>, VenueBookingsReply>>,
];

export const venuesReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/venues': venueReplySchema,
  'GET /v1/venues': pageOf(venueSchema),
  'GET /v1/venues/{id}': venueReplySchema,
  'PATCH /v1/venues/{id}': venueReplySchema,
  'POST /v1/venues/{id}/bookings': bookingReplySchema,
  'GET /v1/venues/{id}/bookings': venueBookingsReplySchema,
  'GET /v1/me/bookings': pageOf(bookingSchema),
  'DELETE /v1/bookings/{id}': bookingReplySchema,
  'POST /v1/admin/bookings/{id}/decision': bookingReplySchema,
  'GET /v1/admin/bookings': pageOf(bookingSchema),
}))();
