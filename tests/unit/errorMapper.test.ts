// The single error mapper (errorReply in functions/lib/http.ts): a 5xx other than 503 is a bug and shows nothing of
// the inside; store throttling and outages are 503 UNAVAILABLE (safe to retry); domain errors keep their shape.
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../functions/lib/errors';
import { errorReply } from '../../functions/lib/http';

let logged: string[];
beforeEach(() => {
  logged = [];
  process.env.LOG_LEVEL = 'info';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

type Body = { error: { code: string; message: string; requestId: string; fields?: Record<string, string> } };

describe('errorReply', () => {
  it('maps an unknown error to 500 INTERNAL_ERROR with no internals in the body, and logs the cause', () => {
    const err = new TypeError(
      "Cannot read properties of undefined (reading 'pk') at /var/task/functions/events/store.js",
    );
    const reply = errorReply(err, 'req-500');
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      error: { code: 'INTERNAL_ERROR', message: '服务器内部错误', requestId: 'req-500' },
    });
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/TypeError|var\/task|reading 'pk'|stack/);
    expect(logged.join('')).toContain('Cannot read properties of undefined');
  });

  it.each([
    ['a thrown string', 'boom'],
    ['undefined', undefined],
    ['a plain object', { secret: 'token-secret' }],
    // A condition failure that reaches the mapper was not handled by its store: a bug, not a 409.
    [
      'an unhandled ConditionalCheckFailedException',
      Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' }),
    ],
  ])('maps %s to 500 without echoing it', (_what, err) => {
    const reply = errorReply(err, 'req-x');
    expect(reply.status).toBe(500);
    expect((reply.body as Body).error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(reply.body)).not.toMatch(/boom|token-secret|conditional/);
  });

  it.each([
    ['ProvisionedThroughputExceededException', { name: 'ProvisionedThroughputExceededException' }],
    ['ThrottlingException', { name: 'ThrottlingException' }],
    ['RequestLimitExceeded', { name: 'RequestLimitExceeded' }],
    ['InternalServerError from DynamoDB', { name: 'InternalServerError' }],
    ['ServiceUnavailable', { name: 'ServiceUnavailable' }],
    ['an SDK error marked retryable', { name: 'SomethingNew', $retryable: { throttling: true } }],
    ['an HTTP 5xx from the store', { name: 'UnknownError', $metadata: { httpStatusCode: 502 } }],
    ['a refused connection', { name: 'Error', code: 'ECONNREFUSED' }],
    ['a reset connection', { name: 'Error', code: 'ECONNRESET' }],
    ['an SDK timeout', { name: 'TimeoutError' }],
  ])('maps %s to 503 UNAVAILABLE', (_what, shape) => {
    const err = Object.assign(
      new Error('store said no: arn:aws:dynamodb:ap-east-1:123456789012:table/x'),
      shape,
    );
    const reply = errorReply(err, 'req-503');
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({
      error: { code: 'UNAVAILABLE', message: '服务繁忙，请稍后重试', requestId: 'req-503' },
    });
    expect(JSON.stringify(reply.body)).not.toContain('arn:aws');
  });

  it('maps a plain Error that only names a refused connection in its text to 503', () => {
    const reply = errorReply(new Error('connect ECONNREFUSED 127.0.0.1:4567'), 'req-conn');
    expect(reply.status).toBe(503);
    expect((reply.body as Body).error.code).toBe('UNAVAILABLE');
  });

  it('keeps the status, code, fields and headers of domain errors', () => {
    expect(errorReply(new NotFoundError(), 'r').status).toBe(404);
    const conflict = errorReply(new ConflictError('SOLD_OUT', '已抢完'), 'r');
    expect(conflict).toMatchObject({
      status: 409,
      body: { error: { code: 'SOLD_OUT', message: '已抢完', requestId: 'r' } },
    });
    const invalid = errorReply(new ValidationError({ title: '不能为空' }), 'r');
    expect((invalid.body as Body).error.fields).toEqual({ title: '不能为空' });
    const limited = errorReply(new RateLimitedError(12.2), 'r');
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ 'Retry-After': '13' });
    // A 4xx is the caller's business and is not logged as a failure.
    expect(logged.join('')).not.toContain('"level":"error"');
  });

  it('never answers Retry-After 0', () => {
    expect(errorReply(new RateLimitedError(0), 'r').headers).toEqual({ 'Retry-After': '1' });
  });
});
