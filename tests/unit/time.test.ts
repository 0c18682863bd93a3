// District time helpers (functions/lib/time.ts): a range's length without listing its days, and instants as people
// in the district (UTC+8) read them.
import { daySpan, daysBetween, districtMoment } from '../../functions/lib/time';

describe('daySpan', () => {
  it('counts the days of a range inclusively, as daysBetween lists them', () => {
    for (const [from, to] of [
      ['2026-12-01', '2026-12-01'],
      ['2026-12-01', '2026-12-31'],
      ['2026-02-27', '2026-03-02'],
      ['2024-02-27', '2024-03-02'],
      ['2026-12-30', '2027-01-02'],
    ])
      expect(daySpan(from, to)).toBe(daysBetween(from, to).length);
  });

  it('is 0 for a range that ends before it starts, and counts millennia at once', () => {
    expect(daySpan('2026-12-02', '2026-12-01')).toBe(0);
    expect(daySpan('0001-01-01', '9999-12-31')).toBe(3652059);
  });
});

describe('districtMoment', () => {
  it('reads an instant in district time, across the date line of UTC+8', () => {
    expect(districtMoment('2026-12-01T17:51:00.000Z')).toBe('12月2日 01:51');
    expect(districtMoment('2026-01-09T02:05:59.999Z')).toBe('1月9日 10:05');
    expect(districtMoment(Date.parse('2026-12-31T16:00:00Z'))).toBe('1月1日 00:00');
  });
});
