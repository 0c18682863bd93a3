// Structured JSON logs, one line each, always carrying the request id of the current invocation, the function's
// name and whether this invocation paid the cold start — the fields Powertools Logger adds on Lambda. We keep this
// 50-line logger instead of Powertools (about 23 KB minified with its commons, per function bundle) because these
// few fields are all we use of it; see docs/ARCHITECTURE.md.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let requestContext: { requestId?: string; route?: string; coldStart?: boolean } = {};
let invocations = 0;
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;

/** Called once per invocation: the first one in this process is the cold start. */
export function setLogContext(ctx: { requestId?: string; route?: string }): void {
  requestContext = { ...ctx, coldStart: invocations++ === 0 };
}

function threshold(): number {
  return ORDER[(process.env.LOG_LEVEL as Level | 'silent') ?? 'info'] ?? ORDER.info;
}

function write(level: Level, message: string, data?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...(functionName ? { function: functionName } : {}),
    ...requestContext,
    ...data,
  });
  process.stdout.write(line + '\n');
}

export function serializeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    return {
      name: err.name,
      message: err.message,
      stack: err.stack,
      cause: err.cause ? serializeError(err.cause) : undefined,
    };
  }
  return { value: String(err) };
}

export const logger = {
  debug: (message: string, data?: Record<string, unknown>) => write('debug', message, data),
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};
