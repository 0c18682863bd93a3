// Named domain errors. Handlers throw these; one mapper (http.ts) turns them into the contract's error body.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message = '请求体不是有效的 JSON 对象') {
    super(400, 'BAD_REQUEST', message);
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, string>, message = '请求参数有误') {
    super(422, 'VALIDATION_FAILED', message, { fields });
  }
}

/** A 422 with its own code (e.g. CONTENT_REJECTED). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = '资源不存在') {
    super(404, 'NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor() {
    super(413, 'PAYLOAD_TOO_LARGE', '请求内容过大（上限 64 KiB）');
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = '操作过于频繁，请稍后再试') {
    super(429, 'RATE_LIMITED', message, {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

/** How long a client waits before retrying a 503 (the `Retry-After` every 503 carries, issue 17). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

export class UnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(
      503,
      'UNAVAILABLE',
      '服务繁忙，请稍后重试',
      { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } },
      { cause },
    );
  }
}

const RETRYABLE_STORE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'LimitExceededException',
  'TransactionConflictException',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** True for failures of the store or the network that a client may safely retry (mapped to 503). */
export function isRetryableStoreError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e.name && RETRYABLE_STORE_ERRORS.has(e.name)) return true;
  if (e.code && RETRYABLE_STORE_ERRORS.has(e.code)) return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  // Some runtimes surface a refused or dropped connection as a plain Error that names the socket error only in its text.
  const message = err instanceof Error ? err.message : '';
  return /\b(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)\b|socket hang up/.test(message);
}
