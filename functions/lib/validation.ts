// Zod → the contract's 422 body. Messages are Chinese (zod's zh-CN locale plus our own messages).
import * as z from 'zod';
import { zhCN } from 'zod/locales';
import { fieldsOf } from '../../shared/validation';
import { ValidationError } from './errors';

z.config(zhCN());

export { fieldsOf };

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldsOf(result.error));
  return result.data;
}
