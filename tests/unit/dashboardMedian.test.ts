// The median time to done from fixed-bucket histograms (functions/lib/exactCounters.ts): bucket edges, odd and even
// counts, the open last bucket, an empty histogram.
import { DURATION_BOUNDS_HOURS, durationBucket, medianBounds } from '../../functions/lib/exactCounters';

const histogram = (hours: number[]) => {
  const out: Record<string, number> = {};
  for (const h of hours) out[`b${durationBucket(h)}`] = (out[`b${durationBucket(h)}`] ?? 0) + 1;
  return out;
};

it('puts a duration in the bucket whose lower bound it reaches', () => {
  expect(durationBucket(0)).toBe(0);
  expect(durationBucket(0.99)).toBe(0);
  expect(durationBucket(1)).toBe(1);
  expect(durationBucket(23.99)).toBe(5); // [12, 24)
  expect(durationBucket(24)).toBe(6);
  expect(durationBucket(719)).toBe(11);
  expect(durationBucket(720)).toBe(DURATION_BOUNDS_HOURS.length - 1);
  expect(durationBucket(10_000)).toBe(DURATION_BOUNDS_HOURS.length - 1);
  expect(durationBucket(-0.5)).toBe(0); // a clock's slip
});

it('gives the bounds of the middle duration for an odd count', () => {
  expect(medianBounds(histogram([3.5, 22, 72]))).toEqual({ count: 3, lowerHours: 12, upperHours: 24 });
  expect(medianBounds(histogram([0.5]))).toEqual({ count: 1, lowerHours: 0, upperHours: 1 });
});

it('spans the two middle durations for an even count', () => {
  expect(medianBounds(histogram([3.5, 22]))).toEqual({ count: 2, lowerHours: 2, upperHours: 24 });
  expect(medianBounds(histogram([5, 6, 100, 200]))).toEqual({ count: 4, lowerHours: 4, upperHours: 120 });
  expect(medianBounds(histogram([5, 6, 7, 200]))).toEqual({ count: 4, lowerHours: 4, upperHours: 8 });
});

it('has no upper bound in the open last bucket, and no median without durations', () => {
  expect(medianBounds(histogram([800, 900, 1]))).toEqual({ count: 3, lowerHours: 720, upperHours: null });
  expect(medianBounds({})).toBeNull();
});
