// The backoff every busy retry waits by (functions/lib/backoff.ts): full jitter over a doubling range, capped, with
// a least wait; the random part is given by the test.
import { backoffMs } from '../../functions/lib/backoff';

describe('backoffMs', () => {
  it('is the floor plus a random part of the base doubled each attempt', () => {
    const half = () => 0.5;
    expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, { baseMs: 10 }, half))).toEqual([5, 10, 20, 40]);
    expect(backoffMs(2, { baseMs: 10, floorMs: 7 }, half)).toBe(27);
  });

  it('never lets the random part pass the cap, however many attempts', () => {
    const options = { baseMs: 10, capMs: 200, floorMs: 10 };
    expect([4, 5, 29].map((attempt) => backoffMs(attempt, options, () => 1))).toEqual([170, 210, 210]);
    expect(backoffMs(29, options, () => 0)).toBe(10);
  });

  it('uses Math.random when no random part is given: within its bounds', () => {
    for (let i = 0; i < 100; i++) {
      const ms = backoffMs(3, { baseMs: 10, capMs: 50, floorMs: 5 });
      expect(ms).toBeGreaterThanOrEqual(5);
      expect(ms).toBeLessThan(55);
    }
  });
});
