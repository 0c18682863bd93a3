// What the OpenAPI document says of each route beyond its schemas (issue 17): a summary, the rules a client writer
// needs (from docs/api/<feature>.md, which now point here), and the error codes the route gives besides the
// contract's generic ones — per status, code → when. Read by openapi.ts only. A new route adds its row here
// ("METHOD /path" as in serverless.yml); boundary-openapi.test.ts fails for a route without one.

import { ACTIVITY_ROUTE_DOCS } from './openapiRoutesActivities';

export interface RouteDoc {
  summary: string;
  description?: string;
  /** 409 codes of this route (REQUEST_IN_PROGRESS is added to every POST by openapi.ts). */
  conflicts?: Record<string, string>;
  /** 403 codes besides FORBIDDEN. */
  forbidden?: Record<string, string>;
  /** 422 codes besides VALIDATION_FAILED. */
  unprocessable?: Record<string, string>;
}

const OFFER_NOT_ACTIVE = 'the offer is withdrawn, not started or ended';
const CONTENT_REJECTED = 'the content check refused the text (nothing stored)';

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /v1/health': { summary: 'Liveness probe', description: 'No store call. `{"ok": true}`.' },
  'ANY *': { summary: 'Any route no other route matches ($default)' },
  // Users and sign-in
  'POST /v1/auth/login': {
    summary: 'Sign in with a wx.login code',
    description: 'Returns a session token (with an expiry) and the user; creates the user on first sign-in.',
  },
  'GET /v1/me': {
    summary: 'My profile',
    description: 'The phone is only ever returned to the user themself.',
  },
  'PATCH /v1/me': {
    summary: 'Change my profile',
    description: 'A new nickname passes the content check first (WeChat msgSecCheck scene 1 when enabled).',
    unprocessable: {
      CONTENT_REJECTED: 'the nickname did not pass the content check; the profile is unchanged',
    },
  },
  'PUT /v1/admin/users/{userId}/roles': { summary: "Set a user's roles (admin)" },
  'GET /v1/me/export': {
    summary: 'Everything stored about me',
    description:
      'The profile, then one section per feature holding personal data (signups, checkins, messages, claims, ' +
      'merchantApplications, bookings, serviceRequests, appointments), each a list of that feature’s records.',
  },
  'DELETE /v1/me': {
    summary: 'Close my account',
    description:
      'Closed at once; personal data erased, active signups of events not yet started cancelled. A retry with the ' +
      'very token that closed the account answers 204 again; any other token of the account answers 401.',
  },
  // The profile picture (docs/api/users.md, "Real name and profile picture")
  'PUT /v1/me/avatar': {
    summary: 'Set my profile picture',
    description:
      '`image`: base64 of a JPEG or PNG (a data: URL prefix is accepted), at most 24 KB decoded, checked by its ' +
      'first bytes; the client sends a 132×132 JPEG. Replies `{user}` with the new `avatarUrl`. 30 per hour.',
  },
  'DELETE /v1/me/avatar': {
    summary: 'Remove my profile picture',
    description: 'Back to the default picture (`avatarUrl: null`); the bytes are deleted. Idempotent.',
  },
  'GET /v1/users/{id}/avatar': {
    summary: "A user's profile picture (image/jpeg or image/png)",
    description:
      'Public, as an <Image> sends no token; `v` is the version in the profile’s `avatarUrl` (a digest of the ' +
      'picture), so the id alone fetches nothing. Another version, a removed picture or none answers 404. ' +
      '`Cache-Control: private, max-age=604800, immutable`: a new picture is a new URL.',
  },
  // 消息 (docs/api/inbox.md)
  'GET /v1/me/inbox': {
    summary: 'My notices (消息), newest first, with the unread count',
    description:
      'Waitlist promoted, event cancelled by staff, merchant application decided, message rejected or hidden, ' +
      'service request moved, venue booking decided. `unread` is exact up to 100 (then 100: shown as 99+).',
  },
  'POST /v1/me/inbox/read': {
    summary: 'Mark my notices read up to an instant',
    description:
      'Every notice written at or before `upTo` (default now, never later than now) is read. Idempotent; the ' +
      'marker never moves back.',
  },
  // Staff dashboard
  'GET /v1/admin/stats': {
    summary: 'Daily participation figures',
    description:
      'Per district day (UTC+8), one group of counters per kind of participation; range ≤ 92 days, default the ' +
      'last 30. `totals.summary` counts distinct people.',
  },
  'GET /v1/admin/dashboard': {
    summary: 'The staff dashboard of a range',
    description:
      '`preset` (this_week, this_month, last_month; district time) wins over `from`/`to`. `format=csv`: the ' +
      'monthly report as text/csv (UTF-8 with BOM, cells quoted, never a phone).',
  },
  // Alliance offers
  'POST /v1/merchants': {
    summary: 'Apply as a merchant',
    description: 'With an Idempotency-Key a retry returns the same application (201), never ALREADY_APPLIED.',
    conflicts: { ALREADY_APPLIED: 'the caller already has an application' },
  },
  'GET /v1/merchants/me': { summary: 'My merchant application', description: '`merchant` is null if none.' },
  'GET /v1/merchants/me/offers': { summary: 'My offers (merchant)', description: 'Every status.' },
  'GET /v1/merchants/me/stats': {
    summary: 'My offer figures (merchant)',
    description: '`byOffer` is one page, latest-ending first; `nextCursor` for the next.',
  },
  'GET /v1/admin/merchants': { summary: 'Merchant applications by status (staff)' },
  'POST /v1/admin/merchants/{id}/decision': {
    summary: 'Approve or reject a merchant application (staff)',
    description:
      'Approval grants the merchant role. Repeating the decision that holds is idempotent. Nobody decides on ' +
      'their own application (403).',
    conflicts: { ALREADY_DECIDED: 'the other decision was already made' },
  },
  'GET /v1/admin/alliance/stats': {
    summary: 'Alliance figures (staff)',
    description: '`participating`: merchants with at least one offer; `byMerchant` most claimed first.',
  },
  'POST /v1/offers': {
    summary: 'Post an offer (approved merchant)',
    description: '`perUserLimit` ≤ quantity; `validUntil` after `validFrom`, at most 366 days later.',
    conflicts: { OFFER_NOT_ACTIVE: '`validUntil` is already past' },
  },
  'GET /v1/offers': {
    summary: 'Offers valid now',
    description:
      'Soonest-ending first. A page may hold fewer than `limit` offers (even none) and still have a ' +
      '`nextCursor`: keep paging until it is null.',
  },
  'GET /v1/offers/{id}': { summary: 'An offer, in any status' },
  'PATCH /v1/offers/{id}': {
    summary: 'Change an offer (its merchant)',
    description: 'At least one field; `validFrom` and `validUntil` together, only while nothing is claimed.',
    conflicts: {
      QUANTITY_BELOW_CLAIMED: 'the quantity would be below the units claimed',
      OFFER_HAS_CLAIMS: 'the window moves only while nothing is claimed',
      LIMIT_ABOVE_QUANTITY: 'the per-user limit would exceed the quantity',
      OFFER_NOT_ACTIVE: 'the offer is withdrawn',
      OFFER_CHANGED: 'claims kept changing the offer; retry',
    },
  },
  'DELETE /v1/offers/{id}': {
    summary: 'Withdraw an offer (its merchant)',
    description: 'Idempotent. Its codes stay redeemable until `validUntil`.',
  },
  'POST /v1/offers/{id}/claims': {
    summary: 'Claim a code',
    description:
      'Refusals in this order: 404, OFFER_NOT_ACTIVE, SOLD_OUT, LIMIT_REACHED. With an Idempotency-Key a retry ' +
      'answers 201 with the same claim, never a second code.',
    conflicts: {
      OFFER_NOT_ACTIVE,
      SOLD_OUT: 'every unit is claimed',
      LIMIT_REACHED: 'the caller holds the per-user limit',
    },
  },
  'GET /v1/me/claims': { summary: 'My claimed codes', description: 'Newest first.' },
  'POST /v1/redemptions': {
    summary: 'Redeem a code at the till (approved merchant)',
    description:
      'Case, spaces and hyphens are ignored; O reads as 0, I/L as 1. A malformed code is 422 before any lookup. ' +
      'Only the request that redeemed the code, retried with the same Idempotency-Key, gets its 200 again; any ' +
      'other presentation of a redeemed code is 409 ALREADY_REDEEMED, whose message says when.',
    conflicts: {
      ALREADY_REDEEMED: 'the code was redeemed before',
      OFFER_EXPIRED: 'past the offer’s validUntil',
    },
  },
  // Spaces
  'POST /v1/spaces': {
    summary: 'Create a space (admin)',
    description: '`opensAt`/`closesAt` both or neither, opening before closing (no overnight hours).',
  },
  'GET /v1/spaces': { summary: 'Spaces', description: 'Oldest first.' },
  'GET /v1/spaces/{id}': {
    summary: 'A space with my open check-in',
    description: '`myCheckin` is null when signed out or not checked in.',
  },
  'PATCH /v1/spaces/{id}': {
    summary: 'Change a space (admin)',
    description: '`opensAt: null, closesAt: null` makes it always open.',
    conflicts: { CAPACITY_BELOW_OCCUPANCY: 'the new capacity is below the places taken now' },
  },
  'GET /v1/spaces/{id}/qrcode': {
    summary: 'The door code (staff)',
    description:
      '`format=json` (default) `{token, url, qrRevision}`; `svg` a printable image with the space’s name; `png` ' +
      'the code alone.',
  },
  'POST /v1/spaces/{id}/qrcode/rotate': {
    summary: 'Replace the door code (staff)',
    description: 'Every earlier print then gets 403 INVALID_QR.',
  },
  'POST /v1/spaces/{id}/checkins': {
    summary: 'Check in with the door code',
    description: '201 for a new check-in, 200 when already in.',
    forbidden: { INVALID_QR: 'the token is not this space’s current door code' },
    conflicts: { SPACE_FULL: 'no place left', SPACE_CLOSED: 'outside opening hours' },
  },
  'POST /v1/spaces/{id}/checkout': { summary: 'Check out', description: '404 when not checked in.' },
  'GET /v1/spaces/{id}/stats': {
    summary: 'A day’s figures of a space (staff)',
    description: 'Default today (district time). `byIdentity`: absent keys are 0.',
  },
  'GET /v1/spaces/{id}/stats/daily': {
    summary: 'Daily figures of a space (staff)',
    description: '`days` (1–92, default 30) ending with `to` (default today), oldest first.',
  },
  'GET /v1/me/checkins': { summary: 'My visits', description: 'Newest first, each with `spaceName`.' },
  // Message wall
  'POST /v1/messages': {
    summary: 'Post a message',
    description:
      'Checks in order: validation (422), rate limit (5 per hour; refused and rejected attempts count), content ' +
      'check. Stored as published (post-moderation) or pending (pre-moderation).',
    unprocessable: { CONTENT_REJECTED },
  },
  'GET /v1/messages': { summary: 'The wall', description: 'Published messages, newest first.' },
  'GET /v1/me/messages': {
    summary: 'My messages',
    description: 'Every status, newest first, with `reason`.',
  },
  'PUT /v1/messages/{id}/like': {
    summary: 'Like a message',
    description: 'Idempotent; 404 unless published.',
  },
  'DELETE /v1/messages/{id}/like': { summary: 'Unlike a message', description: 'Idempotent.' },
  'DELETE /v1/messages/{id}': {
    summary: 'Delete a message (its author or staff)',
    description: 'Another user: 403 on a published message, 404 otherwise. A second delete is 404.',
  },
  'GET /v1/admin/messages': {
    summary: 'Moderation queue (staff)',
    description: '`pending` oldest first; `published` and `rejected` newest first.',
  },
  'POST /v1/admin/messages/{id}/decision': {
    summary: 'Approve or reject a message (staff)',
    description:
      'Rejecting a published message hides it (`moderation.action: hidden`). Repeating a decision that holds ' +
      'returns the message unchanged. The author cannot decide (403).',
  },
  'GET /v1/admin/settings/wall': { summary: 'Moderation mode (staff)' },
  'PUT /v1/admin/settings/wall': { summary: 'Set the moderation mode (staff)' },
  ...ACTIVITY_ROUTE_DOCS,
};
