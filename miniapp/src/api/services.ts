// Services API (see docs/api/services.md): the service menu, service requests, the policy-steward duty desk.
import type { Page } from '@shared/api/common';
import type {
  CreateRequestInput,
  CreateShiftInput,
  DutyAppointment,
  DutyShift,
  RequestStatus,
  ServiceMenu,
  ServiceRequest,
  StaffTransition,
} from '@shared/api/services';
import { api } from './client';

interface RequestReply {
  request: ServiceRequest;
}

export const servicesApi = {
  menu: () => api.get<ServiceMenu>('/services'),
  ask: async (body: CreateRequestInput) => (await api.post<RequestReply>('/service-requests', body)).request,
  mine: (cursor?: string) => api.get<Page<ServiceRequest>>('/me/service-requests', { cursor, limit: 20 }),
  withdraw: async (id: string) => (await api.delete<RequestReply>(`/service-requests/${id}`)).request,
  // staff
  replaceMenu: (menu: ServiceMenu) => api.put<ServiceMenu>('/admin/services', menu),
  queue: (filter: { status?: RequestStatus; categoryId?: string }, cursor?: string) =>
    api.get<Page<ServiceRequest>>('/admin/service-requests', { ...filter, cursor, limit: 20 }),
  transition: async (id: string, to: StaffTransition, note?: string) =>
    (
      await api.post<RequestReply>(`/admin/service-requests/${id}/transition`, {
        to,
        ...(note ? { note } : {}),
      })
    ).request,
};

export const dutyApi = {
  shifts: (from: string, to: string) => api.get<{ items: DutyShift[] }>('/duty', { from, to }),
  book: async (id: string, question?: string) =>
    (
      await api.post<{ appointment: DutyAppointment }>(
        `/duty/${id}/appointments`,
        question ? { question } : {},
      )
    ).appointment,
  cancel: (id: string) => api.delete(`/duty/${id}/appointments/me`),
  // staff
  create: async (body: CreateShiftInput) => (await api.post<{ shift: DutyShift }>('/duty', body)).shift,
  remove: (id: string) => api.delete(`/duty/${id}`),
  copyWeek: (fromWeek: string, toWeek: string) =>
    api.post<{ copied: number; existing: number; shifts: DutyShift[] }>('/admin/duty/copy-week', {
      fromWeek,
      toWeek,
    }),
  appointments: (id: string) => api.get<{ items: DutyAppointment[] }>(`/duty/${id}/appointments`),
};
