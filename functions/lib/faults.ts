// Fault injection at write boundaries. In production nothing is armed and a failpoint is a no-op;
// crash tests arm one to stop a flow exactly between two writes, as a process death would.
export class InjectedCrash extends Error {
  constructor(readonly point: string) {
    super(`injected crash at ${point}`);
    this.name = 'InjectedCrash';
  }
}

const armed = new Map<string, number>();

/** Arm `point` so its next `times` passes throw InjectedCrash. */
export function armFailpoint(point: string, times = 1): void {
  armed.set(point, times);
}

export function disarmAllFailpoints(): void {
  armed.clear();
}

export function failpoint(point: string): void {
  if (armed.size === 0) return;
  const left = armed.get(point);
  if (left === undefined) return;
  if (left <= 1) armed.delete(point);
  else armed.set(point, left - 1);
  throw new InjectedCrash(point);
}
