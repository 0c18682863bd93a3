// Zod issues → `{ field: message }`, the `fields` of the contract's 422 body. Used by the server's error mapper and
// by the mini-program's forms, so a field's message reads the same on both sides. A nested field is named by its
// dotted path (`participants.0.name`); a form-level issue by `_`. The first issue of a field wins.
import type { $ZodError } from 'zod/v4/core';

export function fieldsOf(error: $ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!(path in fields)) fields[path] = issue.message;
  }
  return fields;
}
