// Structured JSON logs, one line each, always carrying the request id of the current invocation.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let requestContext: { requestId?: string; route?: string } = {};

export function setLogContext(ctx: { requestId?: string; route?: string }): void {
  requestContext = ctx;
}

function threshold(): number {
  return ORDER[(process.env.LOG_LEVEL as Level | 'silent') ?? 'info'] ?? ORDER.info;
}

function write(level: Level, message: string, data?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...requestContext, ...data });
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
