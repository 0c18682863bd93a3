// Venues and bookings API: typed calls for the venue list and detail, 我的预约, and the staff pages.
import type { Page } from '@shared/api/common';
import type {
  Booking,
  BookingReply,
  BookingStatus,
  CreateBookingRequest,
  CreateVenueRequest,
  DecisionRequest,
  UpdateVenueRequest,
  Venue,
  VenueBookingsReply,
  VenueKind,
  VenueReply,
} from '@shared/api/venues';
import { api } from './client';

const base = (id: string) => `/venues/${encodeURIComponent(id)}`;

export const venuesApi = {
  list: (kind: VenueKind, cursor?: string) => api.get<Page<Venue>>('/venues', { kind, limit: 100, cursor }),
  get: (id: string) => api.get<VenueReply>(base(id)),
  create: (body: CreateVenueRequest) => api.post<VenueReply>('/venues', body),
  update: (id: string, body: UpdateVenueRequest) => api.patch<VenueReply>(base(id), body),
  bookings: (id: string, from: string, to: string) =>
    api.get<VenueBookingsReply>(`${base(id)}/bookings`, { from, to }),
  book: (id: string, body: CreateBookingRequest) => api.post<BookingReply>(`${base(id)}/bookings`, body),
  mine: (cursor?: string) => api.get<Page<Booking>>('/me/bookings', { cursor }),
  cancel: (bookingId: string) => api.delete<BookingReply>(`/bookings/${encodeURIComponent(bookingId)}`),
  queue: (status: BookingStatus, cursor?: string) =>
    api.get<Page<Booking>>('/admin/bookings', { status, limit: 50, cursor }),
  decide: (bookingId: string, body: DecisionRequest) =>
    api.post<BookingReply>(`/admin/bookings/${encodeURIComponent(bookingId)}/decision`, body),
};
