// Zod → the contract's 422 body. Messages are Chinese (zod's zh-CN locale plus our own messages).
import { z } from 'zod';
import { fieldsOf } from '../../shared/validation';
import { ValidationError } from './errors';

z.config(z.locales.zhCN());

export { fieldsOf };

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldsOf(result.error));
  return result.data;
}
