// Moves the clock the handlers read (Date) and nothing else: timers, ticks and I/O run as they do, so the embedded
// store and the HTTP calls are unaffected (as tests/integration/dashboard-held.test.ts does it).
const NOT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** From now on Date reads `ms` (standing still until moved again); undo with `realDate()`. */
export function fakeDateAt(ms: number): void {
  jest.useFakeTimers({ doNotFake: [...NOT_DATE], now: ms });
}

export function realDate(): void {
  jest.useRealTimers();
}
