// Zod → the contract's 422 body. Messages are Chinese (zod's zh-CN locale plus our own messages).
import { z } from 'zod';
import { ValidationError } from './errors';

z.config(z.locales.zhCN());

export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (!(path in fields)) fields[path] = issue.message;
  }
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldsOf(result.error));
  return result.data;
}
