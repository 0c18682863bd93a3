// Replies of venues and bookings: records → the contract's shapes (shared/api/venues.ts). Pure.
import type { Booking, BookingStatus, BookingTime, Venue } from '../../shared/api/venues';
import type { BookingRecord, VenueRecord } from './model';

export function toVenue(venue: VenueRecord): Venue {
  return {
    id: venue.id,
    name: venue.name,
    kind: venue.kind,
    address: venue.address,
    ...(venue.location ? { location: venue.location } : {}),
    capacity: venue.capacity,
    facilities: venue.facilities,
    ...(venue.opensAt && venue.closesAt ? { opensAt: venue.opensAt, closesAt: venue.closesAt } : {}),
    bookable: venue.bookable,
  };
}

/** The booking as its booker and staff see it (claiming shows as pending: it is on its way there). */
export function toBooking(booking: BookingRecord): Booking {
  return {
    id: booking.id,
    venueId: booking.venueId,
    venueName: booking.venueName,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    purpose: booking.purpose,
    organisation: booking.organisation,
    attendees: booking.attendees,
    status: (booking.status === 'claiming' ? 'pending' : booking.status) as BookingStatus,
    createdAt: booking.createdAt,
    ...(booking.reason ? { reason: booking.reason } : {}),
  };
}

/** What anyone may see of another's booking: the time it takes and its status. */
export function toBookingTime(booking: BookingRecord): BookingTime {
  return { startsAt: booking.startsAt, endsAt: booking.endsAt, status: booking.status as BookingStatus };
}
