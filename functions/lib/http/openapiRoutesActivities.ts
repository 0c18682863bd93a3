// The route rows of events, venues, services and the duty desk (see openapiRoutes.ts).
import type { RouteDoc } from './openapiRoutes';

export const ACTIVITY_ROUTE_DOCS: Record<string, RouteDoc> = {
  // Events
  'POST /v1/events': { summary: 'Create an event (staff)' },
  'GET /v1/events': {
    summary: 'Events',
    description:
      'Not yet ended, soonest first; `month=YYYY-MM`: those starting in that district month, ended ones too; ' +
      '`q`: title or place contains it.',
  },
  'GET /v1/events/{id}': { summary: 'An event with my signup' },
  'PATCH /v1/events/{id}': {
    summary: 'Change an event (staff)',
    description:
      'Any subset except `kind`; `null` clears an optional field. Raising capacity promotes waiters.',
    conflicts: {
      CAPACITY_BELOW_SEATS_TAKEN: 'the new capacity is below the seats taken',
      EVENT_CANCELLED: 'a cancelled event is final',
    },
  },
  'POST /v1/events/{id}/close': {
    summary: 'Close sign-ups (staff)',
    description: 'Idempotent; cancellations and promotions go on.',
    conflicts: { EVENT_CANCELLED: 'a cancelled event is final' },
  },
  'POST /v1/events/{id}/cancel': { summary: 'Cancel an event (staff)', description: 'Idempotent.' },
  'POST /v1/events/{id}/signups': {
    summary: 'Sign up',
    description:
      'Youth education needs `guardianConsent` for the policy in force. With an Idempotency-Key a retry after a ' +
      'failure answers 201 with the same signup.',
    conflicts: {
      ALREADY_SIGNED_UP: 'one active signup per user per event (also while the first is being written)',
      EVENT_FULL: 'no seats and no waiting list, or more people than the event holds',
      SIGNUP_CLOSED: 'after signupClosesAt, or the event is not open',
    },
  },
  'DELETE /v1/events/{id}/signups/me': {
    summary: 'Cancel my signup',
    description: '404 without an active signup.',
    conflicts: { SIGNUP_CLOSED: 'the event has started' },
  },
  'GET /v1/events/{id}/signups': {
    summary: 'Attendees (staff)',
    description:
      'Guardian phones masked. `status` filters; `format=csv`: text/csv with a BOM, Chinese headers, phones ' +
      'masked, formula-like cells quoted.',
  },
  'GET /v1/me/signups': {
    summary: 'My signups',
    description: 'Each with its `event` (null if gone) and, while waitlisted, `waitlistPosition`.',
  },
  'POST /v1/events/{id}/attendance': {
    summary: 'Mark attendance (staff)',
    description: '`signupId` or the scanned `ticket`; `rollCall` defaults to the event’s first. Idempotent.',
    forbidden: { INVALID_TICKET: 'a forged ticket, or another event’s' },
    conflicts: { SIGNUP_NOT_CONFIRMED: 'the signup is waitlisted or cancelled' },
  },
  'GET /v1/events/{id}/rollcalls': {
    summary: 'Roll-call sheet (staff)',
    description:
      'On `return`, `missing` = departed and not back. Phones in full only on the event’s own day.',
  },
  // Venues
  'POST /v1/venues': {
    summary: 'Create a venue (staff)',
    description: '`bookable` defaults to true except for outdoor sites.',
  },
  'GET /v1/venues': { summary: 'Venues', description: 'In the order they were added.' },
  'GET /v1/venues/{id}': { summary: 'A venue' },
  'PATCH /v1/venues/{id}': {
    summary: 'Change a venue (staff)',
    description: '`null` removes the location or the hours (both together). Existing bookings are kept.',
  },
  'POST /v1/venues/{id}/bookings': {
    summary: 'Book a venue',
    description:
      'On the half hour, 30 min – 8 h, in the future, at most 60 days ahead, within opening hours (district ' +
      'day); answered in UTC.',
    conflicts: {
      SLOT_TAKEN: 'overlaps a pending or approved booking',
      NOT_BOOKABLE: 'the venue is listed, not booked',
    },
  },
  'GET /v1/venues/{id}/bookings': {
    summary: 'Bookings of a venue',
    description:
      'District dates, default today and the next 6 days, at most 31. Staff and the booker get the booking in ' +
      'full; anyone else `{startsAt, endsAt, status}` only.',
  },
  'GET /v1/me/bookings': { summary: 'My bookings', description: 'Newest first.' },
  'DELETE /v1/bookings/{id}': {
    summary: 'Cancel a booking (its booker or staff)',
    description: 'Cancelling a cancelled booking answers it again (200). Not once its time has begun.',
    conflicts: {
      BOOKING_CLOSED: 'the booking was declined',
      BOOKING_STARTED: 'its time has begun: it stays as it is',
    },
  },
  'POST /v1/admin/bookings/{id}/decision': {
    summary: 'Approve or decline a booking (staff)',
    description:
      'The same decision again answers the booking. Not on a booking the staff member made (403). Approve only ' +
      'before its time begins; decline at any time.',
    conflicts: {
      BOOKING_CLOSED: 'the booking is no longer pending',
      BOOKING_STARTED: 'approving a booking whose time has begun',
    },
  },
  'GET /v1/admin/bookings': { summary: 'Booking queue (staff)', description: 'Earliest start first.' },
  // Services and the duty desk
  'GET /v1/services': { summary: 'The service menu' },
  'PUT /v1/admin/services': { summary: 'Replace the service menu (staff)', description: 'Item ids unique.' },
  'POST /v1/service-requests': {
    summary: 'Ask for a service',
    description: 'Unknown `itemId`: 422. With an Idempotency-Key a retry returns the same request.',
    conflicts: { IDEMPOTENCY_CONFLICT: 'the key was used for another request' },
  },
  'GET /v1/me/service-requests': { summary: 'My service requests', description: 'Newest first.' },
  'DELETE /v1/service-requests/{id}': {
    summary: 'Withdraw my service request',
    description: 'Someone else’s or unknown: 404.',
    conflicts: { INVALID_TRANSITION: 'only a submitted request can be withdrawn' },
  },
  'GET /v1/admin/service-requests': {
    summary: 'Service request queue (staff)',
    description: 'Oldest first.',
  },
  'POST /v1/admin/service-requests/{id}/transition': {
    summary: 'Move a service request (staff)',
    description: 'submitted → accepted → done; → declined from submitted or accepted.',
    conflicts: { INVALID_TRANSITION: 'the flow does not allow this move from the current status' },
  },
  'POST /v1/duty': {
    summary: 'Create a duty shift (staff)',
    description: 'At most 12 hours; capacity 1–50.',
  },
  'GET /v1/duty': { summary: 'Duty shifts', description: 'At most 31 days, by start time.' },
  'DELETE /v1/duty/{id}': {
    summary: 'Delete a duty shift (staff)',
    conflicts: { SHIFT_BOOKED: 'someone booked it' },
  },
  'POST /v1/admin/duty/copy-week': {
    summary: 'Copy a week of shifts (staff)',
    description: 'Two district Mondays; shifts already copied are counted in `existing`, not copied again.',
  },
  'POST /v1/duty/{id}/appointments': {
    summary: 'Book a duty shift',
    conflicts: {
      SHIFT_FULL: 'every place is booked',
      ALREADY_BOOKED: 'one appointment per user per shift',
      SHIFT_OVER: 'the shift has ended',
    },
  },
  'DELETE /v1/duty/{id}/appointments/me': {
    summary: 'Cancel my appointment',
    description: '404 when not booked. Not once the shift has ended.',
    conflicts: { SHIFT_OVER: 'the shift has ended: the appointment stays' },
  },
  'GET /v1/duty/{id}/appointments': { summary: 'Appointments of a shift (staff)' },
  'GET /v1/me/duty-appointments': { summary: 'My appointments' },
};
