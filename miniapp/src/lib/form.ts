// Forms check what they are about to send with the API's own zod schema. A failed check gives field errors keyed
// exactly as the server keys the `fields` of its 422 reply (fieldsOf from shared/validation.ts: dotted path, `_` for
// the whole form, first issue wins), so local and server errors land under the same names.
import { safeParse } from 'zod/mini';
import type * as z from 'zod/v4/core';
import { fieldsOf } from '@shared/validation';

/** Field → Chinese message, e.g. `{ title: '不能为空', 'participants.0.age': '…', _: '没有要修改的内容' }`. */
export type FieldErrors = Record<string, string>;

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function checkForm<S extends z.$ZodType>(schema: S, value: unknown): FormCheck<z.output<S>> {
  const parsed = safeParse(schema, value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldsOf(parsed.error) };
}

/**
 * For a form with one control per top-level field: an error inside a field (`amenities.0`) is shown under the field
 * (`amenities`); the first one wins.
 */
export function byTopField(errors: FieldErrors): FieldErrors {
  const top: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) top[path.split('.')[0]] ??= message;
  return top;
}
