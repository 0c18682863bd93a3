// The events month view's grid: Monday-first weeks padded to whole weeks, and month steps across a new year.
import { monthTitle, monthWeeks, shiftMonth } from '../../miniapp/src/features/events/monthGrid';

describe('month grid', () => {
  it('starts December 2026 on its Tuesday and pads to whole weeks', () => {
    const weeks = monthWeeks('2026-12'); // 2026-12-01 is a Tuesday
    expect(weeks).toHaveLength(5);
    expect(weeks[0].map((c) => c.date)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weeks[0][1].day).toBe('2026-12-01');
    expect(weeks[4].map((c) => c.date)).toEqual([28, 29, 30, 31, 0, 0, 0]);
    expect(weeks.flat().filter((c) => c.day)).toHaveLength(31);
  });

  it('fits a February that starts on a Monday in four rows', () => {
    expect(monthWeeks('2027-02')).toHaveLength(4); // 2027-02-01 is a Monday, 28 days
  });

  it('steps months across a new year and titles them in Chinese', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(monthTitle('2027-01')).toBe('2027年1月');
  });
});
