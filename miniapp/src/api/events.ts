// Events API (see docs/api/events.md): listing, detail, sign-up, my sign-ups, and the staff routes.
import type { Page } from '@shared/api/common';
import type {
  AttendanceRequest,
  AttendeeView,
  CreateEventRequest,
  EventDetailReply,
  EventKind,
  EventReply,
  EventView,
  MySignupView,
  RollCallsReply,
  SignupReply,
  SignUpRequest,
  SignupStatus,
  UpdateEventRequest,
} from '@shared/api/events';
import { api, buildUrl } from './client';

export const eventsApi = {
  /** Upcoming events (or one district month's with `month`, up to 100), optionally of one kind or matching `q`. */
  list: ({
    kind,
    cursor,
    month,
    q,
  }: { kind?: EventKind; cursor?: string; month?: string; q?: string } = {}) =>
    api.get<Page<EventView>>('/events', { kind, cursor, month, q, limit: month ? 100 : 20 }),
  get: (id: string) => api.get<EventDetailReply>(`/events/${id}`),
  signUp: async (id: string, body: SignUpRequest, idempotencyKey?: string) =>
    (await api.post<SignupReply>(`/events/${id}/signups`, body, { idempotencyKey })).signup,
  cancel: async (id: string) => (await api.delete<SignupReply>(`/events/${id}/signups/me`)).signup,
  mine: (cursor?: string) => api.get<Page<MySignupView>>('/me/signups', { cursor, limit: 20 }),
  // staff
  create: async (body: CreateEventRequest) => (await api.post<EventReply>('/events', body)).event,
  update: async (id: string, body: UpdateEventRequest) =>
    (await api.patch<EventReply>(`/events/${id}`, body)).event,
  close: async (id: string) => (await api.post<EventReply>(`/events/${id}/close`)).event,
  cancelEvent: async (id: string) => (await api.post<EventReply>(`/events/${id}/cancel`)).event,
  signups: (id: string, status?: SignupStatus, cursor?: string) =>
    api.get<Page<AttendeeView>>(`/events/${id}/signups`, { status, cursor, limit: 100 }),
  /** Every signup of the status, page after page (the roll-call list needs them all, not the first 100). */
  allSignups: async (id: string, status: SignupStatus): Promise<AttendeeView[]> => {
    const items: AttendeeView[] = [];
    let cursor: string | undefined;
    do {
      const page = await eventsApi.signups(id, status, cursor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  },
  attend: async (id: string, body: AttendanceRequest) =>
    (await api.post<{ signup: AttendeeView }>(`/events/${id}/attendance`, body)).signup,
  rollCalls: (id: string) => api.get<RollCallsReply>(`/events/${id}/rollcalls`),
  exportUrl: (id: string) => buildUrl(`/events/${id}/signups`, { format: 'csv' }),
};
