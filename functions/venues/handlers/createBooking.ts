import { createBookingSchema } from '../../../shared/api/venues';
import { attemptsPerDay, created, route } from '../../lib/http';
import { bookingService } from '../bookingService';
import { venueParams } from '../model';

/** A booking holds a venue's time until staff decide: 20 attempts per user per 24 hours (docs/api/boundary.md). */
export const BOOKING_LIMIT = attemptsPerDay('venues-booking', 20, '今天提交的场地预约过多，请明天再试');

export const handler = route(
  { access: 'user', params: venueParams, body: createBookingSchema, limit: BOOKING_LIMIT },
  async ({ params, body, user, headers }) =>
    created({
      booking: await bookingService.create(params.id, user, body, headers['idempotency-key']),
    }),
);
