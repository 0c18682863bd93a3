// Zod → the contract's 422 body. Messages are Chinese (zod's zh-CN locale plus our own messages).
import * as z from 'zod/mini';
import type * as zc from 'zod/v4/core';
import { zhCN } from 'zod/locales';
import { fieldsOf } from '../../shared/validation';
import { ValidationError } from './errors';

z.config(zhCN());

export { fieldsOf };

export function parseOrThrow<S extends zc.$ZodType>(schema: S, input: unknown): zc.output<S> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new ValidationError(fieldsOf(result.error));
  return result.data;
}
