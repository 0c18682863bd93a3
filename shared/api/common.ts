// Contract pieces used by every feature: error body, list page, ids and times.
import * as z from 'zod';

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

/** `?limit=&cursor=` on every list route. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** ISO-8601 instant with an explicit offset (or Z), e.g. 2026-12-01T09:00:00+08:00. */
export const isoInstant = z.iso.datetime({ offset: true });

/** Local wall-clock time of the district (Asia/Shanghai, no daylight saving). */
export const DISTRICT_UTC_OFFSET = '+08:00';

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD 且为有效日期' });

/** Text typed by a person: trimmed, counted in characters (code points), not bytes. */
export const humanText = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => [...s].length >= min, { message: min <= 1 ? '不能为空' : `至少 ${min} 个字` })
    .refine((s) => [...s].length <= max, { message: `不能超过 ${max} 个字` });

export const phoneSchema = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
