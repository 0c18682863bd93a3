// Contract pieces used by every feature: error body, list page, ids and times.
// Schemas in shared/api/*.ts are built as `/* @__PURE__ */ (() => schema)()`: the same value at module load, but a
// bundle (each function's, the mini-program's) leaves out the schemas it never uses instead of building them all at
// cold start (docs/BENCHMARKS.md, functions.bench.ts). Keep new top-level schemas in that form.
// They are written with `zod/mini` (functions: `z.optional(s)`, `s.check(z.maxLength(n))`, `z.pipe(s, z.transform(f))`
// for classic's `s.optional()`, `s.max(n)`, `s.transform(f)`): the same validation, messages and JSON Schema, but a
// schema does not carry classic's ~50 methods, so building them costs a cold start ~60% less (issue 16).
import * as z from 'zod/mini';
import type { $RefinementCtx } from 'zod/v4/core';
import { normalizeLine, normalizeMultiline } from '../text';

export const API_PREFIX = '/v1';

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    fields?: Record<string, string>;
  };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A whole number in a query string: plain decimal digits only (`0x10`, `1e2`, ` 5` and `5.0` are refused, where
 * `Number()` would have read them); a number given directly (by the mini-program's typed client) is taken as is.
 */
export const queryInt = (min: number, max: number) =>
  z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' ? (/^\d{1,15}$/.test(v) ? Number(v) : v) : v)),
    z.number({ message: '应为整数' }).check(z.int(), z.gte(min), z.lte(max)),
  );

/** An item's id in a path or a query, where ids have no pattern of their own: 1–64 characters (ULIDs, user ids). */
export const itemId = () => z.string().check(z.minLength(1), z.maxLength(64));

/** `{ id }`: the path parameters of a route on one item whose id has no pattern of its own. */
export const idPathParams = /* @__PURE__ */ (() => z.object({ id: itemId() }))();

/** `?limit=&cursor=` on every list route. */
export const pageQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    limit: z._default(queryInt(1, 100), 20),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }))();
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** ISO-8601 instant with an explicit offset (or Z), e.g. 2026-12-01T09:00:00+08:00. */
export const isoInstant = /* @__PURE__ */ (() =>
  z.iso.datetime({ offset: true }).check(
    // Within years 1970–9999 in UTC too: later instants would not sort as text with the others (e.g. 9999-12-31T23:00-08:00).
    z.refine((s) => Date.parse(s) >= 0 && Date.parse(s) < Date.UTC(10000, 0, 1), {
      message: '日期超出范围',
    }),
  ))();

/** Local wall-clock time of the district (Asia/Shanghai, no daylight saving). */
export const DISTRICT_UTC_OFFSET = '+08:00';

export const hhmm = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM')))();

/** Opening hours are both set or both absent, and open before they close (no overnight hours). */
export function checkOpeningHours(
  value: { opensAt?: string | null; closesAt?: string | null },
  ctx: $RefinementCtx,
): void {
  const opens = value.opensAt ?? null;
  const closes = value.closesAt ?? null;
  if ((opens === null) !== (closes === null)) {
    ctx.addIssue({
      code: 'custom',
      path: [opens === null ? 'opensAt' : 'closesAt'],
      message: '开放与关闭时间需同时填写',
    });
  } else if (opens !== null && closes !== null && opens >= closes) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '关闭时间应晚于开放时间' });
  }
}
export const isoDate = /* @__PURE__ */ (() =>
  z.iso.date({ message: '日期格式应为 YYYY-MM-DD 且为有效日期' }))();

const typedText = (normalize: (s: string) => string) => (min: number, max: number) =>
  z.pipe(z.string(), z.transform(normalize)).check(
    z.refine((s: string) => [...s].length >= min, { message: min <= 1 ? '不能为空' : `至少 ${min} 个字` }),
    z.refine((s: string) => [...s].length <= max, { message: `不能超过 ${max} 个字` }),
  );

/**
 * One line typed by a person (names, titles, addresses): normalised by shared/text.ts (no control, bidi or
 * invisible characters; line breaks become a space), trimmed, counted in characters (code points), not bytes.
 */
export const humanText = /* @__PURE__ */ (() => typedText(normalizeLine))();

/** Several lines typed by a person (descriptions, messages): the same, keeping line breaks. */
export const multilineText = /* @__PURE__ */ (() => typedText(normalizeMultiline))();

export const phoneSchema = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^1\d{10}$/, '请输入 11 位手机号')))();

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
