// The booking time rules shared by the API and the form, and the week at a glance's selection (pure).
import { bookingTimeProblems, slotStarts } from '../../shared/api/venues';
import { cellState, halfHours, select, selectionTimes } from '../../miniapp/src/packages/venues/week';

const NOW = Date.parse('2026-12-01T00:00:00Z'); // 08:00 district time
const hours = { opensAt: '08:30', closesAt: '10:00' };

describe('bookingTimeProblems', () => {
  it('accepts half hours within opening hours, up to closing', () => {
    expect(bookingTimeProblems(hours, '2026-12-02T08:30:00+08:00', '2026-12-02T10:00:00+08:00', NOW)).toEqual(
      {},
    );
  });
  it.each([
    ['2026-12-02T08:00:00+08:00', '2026-12-02T09:00:00+08:00', 'startsAt'],
    ['2026-12-02T09:30:00+08:00', '2026-12-02T10:30:00+08:00', 'startsAt'],
    ['2026-12-02T09:00:00+08:00', '2026-12-02T09:15:00+08:00', 'endsAt'],
    ['2026-12-02T09:00:00+08:00', '2026-12-02T09:00:00+08:00', 'endsAt'],
    ['2027-02-01T09:00:00+08:00', '2027-02-01T09:30:00+08:00', 'startsAt'],
    ['2026-11-30T09:00:00+08:00', '2026-11-30T09:30:00+08:00', 'startsAt'],
  ])('refuses %s – %s on %s', (startsAt, endsAt, field) => {
    expect(Object.keys(bookingTimeProblems(hours, startsAt, endsAt, NOW))).toEqual([field]);
  });
  it('allows any half hour, up to 8 hours, at a venue without hours', () => {
    const open = { opensAt: null, closesAt: null };
    expect(bookingTimeProblems(open, '2026-12-02T20:00:00+08:00', '2026-12-03T04:00:00+08:00', NOW)).toEqual(
      {},
    );
    expect(
      bookingTimeProblems(open, '2026-12-02T20:00:00+08:00', '2026-12-03T04:30:00+08:00', NOW),
    ).toHaveProperty('endsAt');
  });
  it('lists the half hours a booking covers', () => {
    expect(slotStarts('2026-12-02T01:00:00.000Z', '2026-12-02T02:00:00.000Z')).toEqual([
      '2026-12-02T01:00:00.000Z',
      '2026-12-02T01:30:00.000Z',
    ]);
  });
});

describe('the week at a glance', () => {
  const bookings = [
    { startsAt: '2026-12-02T01:00:00.000Z', endsAt: '2026-12-02T01:30:00.000Z', status: 'approved' as const },
    {
      startsAt: '2026-12-02T01:30:00.000Z',
      endsAt: '2026-12-02T02:00:00.000Z',
      status: 'cancelled' as const,
    },
  ];
  it('shows the half hours of the opening hours, taken, free and past', () => {
    expect(halfHours(hours)).toEqual(['08:30', '09:00', '09:30']);
    expect(cellState('2026-12-02', '09:00', bookings, NOW)).toBe('approved');
    expect(cellState('2026-12-02', '09:30', bookings, NOW)).toBe('free');
    expect(cellState('2026-12-01', '08:00', bookings, NOW)).toBe('past');
  });
  it('extends a selection over free half hours of the same day, else starts anew', () => {
    const free = (i: number) => i !== 1;
    const first = select(null, '2026-12-02', 0, free);
    expect(select(first, '2026-12-02', 2, free)).toEqual({ day: '2026-12-02', first: 2, last: 2 });
    expect(select(first, '2026-12-02', 0, () => true)).toEqual(first);
    const longer = select(first, '2026-12-02', 2, () => true);
    expect(selectionTimes(longer, halfHours(hours))).toEqual({
      startsAt: '2026-12-02T08:30:00+08:00',
      endsAt: '2026-12-02T10:00:00+08:00',
    });
    expect(select(longer, '2026-12-03', 1, () => true)).toEqual({ day: '2026-12-03', first: 1, last: 1 });
  });
});
