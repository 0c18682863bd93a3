// Reply schemas (issue 17): one zod schema per JSON success reply, beside the TypeScript reply types of
// shared/api/<feature>.ts, which handlers and the mini-program keep using (`import type`). Each feature's file here
// holds its schemas, a compile-time check that every schema and its interface are assignable both ways (a field
// added to one and not the other fails `tsc`), and `<feature>Replies`: "METHOD /path" → the schema of that route's
// JSON success reply, read only by the OpenAPI builder (functions/lib/http/openapi.ts) — no handler imports these
// files, so no function's bundle grows. Schemas are built as `/* @__PURE__ */ (() => schema)()` like the request
// schemas (shared/api/common.ts).
import * as z from 'zod';

/** True when A and B are assignable both ways (a reply schema's output and its interface). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless T is `true`. */
export type Expect<T extends true> = T;

/** Which schema answers which route: "METHOD /path" as in serverless.yml → the JSON success reply. */
export type RouteReplies = Record<string, z.ZodType>;

/** An instant as the API writes it: ISO-8601 with Z or an offset. */
export const instant = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();
/** A calendar date, YYYY-MM-DD. */
export const calendarDate = /* @__PURE__ */ (() => z.iso.date())();
/** A count: a whole number, never negative. */
export const count = /* @__PURE__ */ (() => z.int().min(0))();

/** One page of a list: `{items, nextCursor}` (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
