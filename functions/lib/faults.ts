// Fault injection at write boundaries. In production nothing is armed and a failpoint is a no-op;
// crash tests arm one to stop a flow exactly between two writes, as a process death would.
export class InjectedCrash extends Error {
  constructor(readonly point: string) {
    super(`injected crash at ${point}`);
    this.name = 'InjectedCrash';
  }
}

const armed = new Map<string, number>();
/** Points armed to fail with a given error (a store throttle, say) instead of a crash. */
const failures = new Map<string, () => Error>();

/** Arm `point` so its next `times` passes throw InjectedCrash. */
export function armFailpoint(point: string, times = 1): void {
  armed.set(point, times);
}

/**
 * Arm `point` so its next `times` passes throw `makeError()` instead of crashing: the request then ends with the reply
 * that error maps to (e.g. 503 for a store throttle right after a write), as when the store fails after applying it.
 */
export function armFailpointError(point: string, makeError: () => Error, times = 1): void {
  armed.set(point, times);
  failures.set(point, makeError);
}

export function disarmAllFailpoints(): void {
  armed.clear();
  failures.clear();
}

export function failpoint(point: string): void {
  if (armed.size === 0) return;
  const left = armed.get(point);
  if (left === undefined) return;
  const makeError = failures.get(point);
  if (left <= 1) {
    armed.delete(point);
    failures.delete(point);
  } else armed.set(point, left - 1);
  throw makeError ? makeError() : new InjectedCrash(point);
}
