// Reply schemas of the service menu, service requests and the duty desk (see ./common.ts).
import * as z from 'zod';
import {
  REQUEST_STATUSES,
  type DutyAppointment,
  type DutyShift,
  type ServiceMenu,
  type ServiceRequest,
} from '../services';
import { count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

export const serviceMenuSchema = /* @__PURE__ */ (() =>
  z.object({
    categories: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        items: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            description: z.string(),
            provider: z.string(),
            howTo: z.string().optional(),
          }),
        ),
      }),
    ),
  }))();

export const serviceRequestSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    itemId: z.string(),
    status: z.enum(REQUEST_STATUSES),
    description: z.string(),
    createdAt: instant,
    updatedAt: instant,
    history: z.array(
      z.object({
        status: z.enum(REQUEST_STATUSES),
        at: instant,
        note: z.string().optional(),
        by: z.enum(['requester', 'staff']).optional(),
      }),
    ),
    itemName: z.string().optional(),
    categoryId: z.string().optional(),
    contact: z.string().optional(),
  }))();
const requestReply = /* @__PURE__ */ (() => z.object({ request: serviceRequestSchema }))();

export const dutyShiftSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    startsAt: instant,
    endsAt: instant,
    department: z.string(),
    steward: z.string(),
    topics: z.array(z.string()),
    capacity: count,
    booked: count,
    mine: z.object({ question: z.string().optional(), createdAt: instant }).optional(),
  }))();

export const dutyAppointmentSchema = /* @__PURE__ */ (() =>
  z.object({
    shiftId: z.string(),
    userId: z.string(),
    question: z.string().optional(),
    createdAt: instant,
    nickname: z.string().optional(),
    phone: z.string().optional(),
  }))();

export type ServicesReplyChecks = [
  Expect<Same<z.output<typeof serviceMenuSchema>, ServiceMenu>>,
  Expect<Same<z.output<typeof serviceRequestSchema>, ServiceRequest>>,
  Expect<Same<z.output<typeof dutyShiftSchema>, DutyShift>>,
  Expect<Same<z.output<typeof dutyAppointmentSchema>, DutyAppointment>>,
];

export const servicesReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'GET /v1/services': serviceMenuSchema,
  'PUT /v1/admin/services': serviceMenuSchema,
  'POST /v1/service-requests': requestReply,
  'GET /v1/me/service-requests': pageOf(serviceRequestSchema),
  'DELETE /v1/service-requests/{id}': requestReply,
  'GET /v1/admin/service-requests': pageOf(serviceRequestSchema),
  'POST /v1/admin/service-requests/{id}/transition': requestReply,
  'POST /v1/duty': z.object({ shift: dutyShiftSchema }),
  'GET /v1/duty': pageOf(dutyShiftSchema),
  'POST /v1/admin/duty/copy-week': z.object({
    copied: count,
    existing: count,
    shifts: z.array(dutyShiftSchema),
  }),
  'POST /v1/duty/{id}/appointments': z.object({ appointment: dutyAppointmentSchema }),
  'GET /v1/duty/{id}/appointments': pageOf(dutyAppointmentSchema),
  'GET /v1/me/duty-appointments': pageOf(dutyAppointmentSchema),
}))();
