// Service menu (服务清单), service requests and the policy-steward duty desk (政策管家轮值岗).
// Request schemas (zod 4) and reply types shared by the handlers and the mini-program.
import * as z from 'zod/mini';
import { humanText, idPathParams, isoInstant, multilineText, pageQuerySchema } from './common';

// ---------------------------------------------------------------------------------------------------------------
// The menu: 4 categories (党务、政策、商务、公益) holding 19 items on a first start; staff replace it whole.
export interface ServiceItem {
  id: string;
  name: string;
  description: string;
  provider: string;
  /** How to ask for it (an addition to the contract, see docs/api/services.md). */
  howTo?: string;
}
export interface ServiceCategory {
  id: string;
  name: string;
  items: ServiceItem[];
}
export interface ServiceMenu {
  categories: ServiceCategory[];
}

const slug = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, '只能用小写字母、数字、- 和 _，至多 40 个字符')))();

export const serviceItemSchema = /* @__PURE__ */ (() =>
  z.object({
    id: slug,
    name: humanText(1, 40),
    description: multilineText(1, 500),
    provider: humanText(1, 60),
    howTo: z.optional(multilineText(1, 300)),
  }))();

export const serviceMenuSchema = /* @__PURE__ */ (() =>
  z
    .object({
      categories: z
        .array(
          z.object({
            id: slug,
            name: humanText(1, 20),
            items: z.array(serviceItemSchema).check(z.maxLength(50)),
          }),
        )
        .check(z.minLength(1), z.maxLength(12)),
    })
    .check(
      z.superRefine((menu, ctx) => {
        // Category ids unique (requests and the staff queue are filtered by them), item ids unique across the menu.
        const seenCategories = new Set<string>();
        menu.categories.forEach((c, ci) => {
          if (seenCategories.has(c.id))
            ctx.addIssue({ code: 'custom', path: ['categories', ci, 'id'], message: '分类编号重复' });
          seenCategories.add(c.id);
        });
        const seen = new Set<string>();
        menu.categories.forEach((c, ci) =>
          c.items.forEach((item, ii) => {
            if (seen.has(item.id))
              ctx.addIssue({
                code: 'custom',
                path: ['categories', ci, 'items', ii, 'id'],
                message: '服务编号重复',
              });
            seen.add(item.id);
          }),
        );
      }),
    ))();

// ---------------------------------------------------------------------------------------------------------------
// Requests: submitted → accepted → done, or → declined from submitted/accepted; withdrawn by the requester.
export const REQUEST_STATUSES = ['submitted', 'accepted', 'done', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  done: '已办结',
  declined: '未受理',
  withdrawn: '已撤回',
};

export const STAFF_TRANSITIONS = ['accepted', 'done', 'declined'] as const;
export type StaffTransition = (typeof STAFF_TRANSITIONS)[number];

export interface RequestHistoryEntry {
  status: RequestStatus;
  at: string;
  note?: string;
  /** Who made the move: `requester` or `staff` (an addition; the staff member's id stays in the store). */
  by?: 'requester' | 'staff';
}

export interface ServiceRequest {
  id: string;
  itemId: string;
  status: RequestStatus;
  description: string;
  createdAt: string;
  updatedAt: string;
  history: RequestHistoryEntry[];
  /** Additions: the item's name and category as they were when asked, and the contact left. */
  itemName?: string;
  categoryId?: string;
  contact?: string;
}

export const createRequestSchema = /* @__PURE__ */ (() =>
  z.object({
    itemId: slug,
    description: multilineText(2, 1000),
    contact: z.optional(humanText(2, 60)),
  }))();
export type CreateRequestInput = z.infer<typeof createRequestSchema>;

/** Ids are opaque strings (API.md): one the store does not hold answers 404 from the lookup, whatever its form. */
export const requestIdParamsSchema = idPathParams;

export const transitionSchema = /* @__PURE__ */ (() =>
  z.object({
    to: z.enum(STAFF_TRANSITIONS, { message: '只能是 accepted、done 或 declined' }),
    note: z.optional(multilineText(1, 300)),
  }))();
export type TransitionInput = z.infer<typeof transitionSchema>;

export const staffRequestsQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    status: z.optional(z.enum(REQUEST_STATUSES)),
    categoryId: z.optional(slug),
  }))();

// ---------------------------------------------------------------------------------------------------------------
// Duty desk: shifts of the policy stewards, appointments on them (≤ capacity, one per user per shift).
export interface DutyShift {
  id: string;
  startsAt: string;
  endsAt: string;
  department: string;
  steward: string;
  topics: string[];
  capacity: number;
  booked: number;
  /** Addition: present for a signed-in caller who holds an appointment on this shift. */
  mine?: { question?: string; createdAt: string };
}

export interface DutyAppointment {
  shiftId: string;
  userId: string;
  question?: string;
  createdAt: string;
  /** Staff views: the booker's nickname and phone if they gave them. */
  nickname?: string;
  phone?: string;
}

export const MAX_SHIFT_CAPACITY = 50;

export const createShiftSchema = /* @__PURE__ */ (() =>
  z
    .object({
      startsAt: isoInstant,
      endsAt: isoInstant,
      department: humanText(1, 30),
      steward: humanText(1, 30),
      topics: z.optional(z.array(humanText(1, 20)).check(z.maxLength(8))),
      capacity: z.number({ message: '应为整数' }).check(z.int(), z.gte(1), z.lte(MAX_SHIFT_CAPACITY)),
    })
    .check(
      z.refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
        path: ['endsAt'],
        message: '结束时间应晚于开始时间',
      }),
      z.refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 12 * 3600 * 1000, {
        path: ['endsAt'],
        message: '一个班次不超过 12 小时',
      }),
    ))();
export type CreateShiftInput = z.infer<typeof createShiftSchema>;

/** A bare `GET /v1/duty` (API.md: `?from=&to=`, with nothing required) lists from now over this many days. */
export const DUTY_DEFAULT_DAYS = 7;
const DAY_MS = 86400 * 1000;
/** The last instant `isoInstant` accepts: a default `to` never runs past it. */
const LAST_INSTANT_MS = Date.UTC(10000, 0, 1) - 1;

/**
 * The roster's range: `from` defaults to now, `to` to `DUTY_DEFAULT_DAYS` after `from` (see `dutyRange`). The range
 * checks only judge instants that parse (a bad one is already refused on its own field).
 */
export const dutyRangeQuerySchema = /* @__PURE__ */ (() =>
  z.object({ from: z.optional(isoInstant), to: z.optional(isoInstant) }).check(
    z.refine((q) => (spanOf(q) ?? 1) > 0, { path: ['to'], message: '结束应晚于开始' }),
    z.refine((q) => (spanOf(q) ?? 0) <= 31 * DAY_MS, {
      path: ['to'],
      message: '一次最多查询 31 天',
    }),
  ))();

function spanOf(query: { from?: string; to?: string }): number | null {
  const range = dutyRange(query);
  return range && Date.parse(range.to) - Date.parse(range.from);
}

/** The range a roster query names, its defaults filled in (a lone `to` runs from now); null if one does not parse. */
export function dutyRange(
  query: { from?: string; to?: string },
  now = Date.now(),
): { from: string; to: string } | null {
  const fromMs = query.from === undefined ? now : Date.parse(query.from);
  const toMs =
    query.to === undefined
      ? Math.min(fromMs + DUTY_DEFAULT_DAYS * DAY_MS, LAST_INSTANT_MS)
      : Date.parse(query.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) return null;
  return { from: query.from ?? new Date(fromMs).toISOString(), to: query.to ?? new Date(toMs).toISOString() };
}

export const shiftIdParamsSchema = idPathParams;

// Strict like every body: an unknown field is refused (422), not dropped.
export const bookSchema = /* @__PURE__ */ (() =>
  z.strictObject({ question: z.optional(multilineText(1, 300)) }))();

/** Copy the shifts of the week starting `fromWeek` (a district Monday) to the week starting `toWeek`. */
export const copyWeekSchema = /* @__PURE__ */ (() =>
  z
    .object({
      fromWeek: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
      toWeek: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
    })
    .check(
      z.refine((w) => new Date(`${w.fromWeek}T00:00:00Z`).getUTCDay() === 1, {
        path: ['fromWeek'],
        message: '应为周一',
      }),
      z.refine((w) => new Date(`${w.toWeek}T00:00:00Z`).getUTCDay() === 1, {
        path: ['toWeek'],
        message: '应为周一',
      }),
      z.refine((w) => w.fromWeek !== w.toWeek, { path: ['toWeek'], message: '不能复制到同一周' }),
    ))();
