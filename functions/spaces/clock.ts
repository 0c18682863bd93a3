// The feature's notion of "now". Production reads the system clock; tests move it to reach closing times
// without waiting (the handlers run in the test's process, so they share this module).
export const spacesClock = {
  now: (): number => Date.now(),
};
