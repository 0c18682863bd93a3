// The event form's times come from pickers: a new event starts tomorrow 09:00–11:00 district time, and moving the
// start keeps the end after it.
import { newDraft, requestOf, withStart } from '../../miniapp/src/packages/events/pages/edit/draft';

describe('event form draft', () => {
  it('defaults a new event to tomorrow 09:00–11:00 in district time, whatever the UTC date', () => {
    // 2026-12-01 17:30 UTC is already 2026-12-02 01:30 in the district: tomorrow there is the 3rd.
    const draft = newDraft(Date.parse('2026-12-01T17:30:00Z'));
    expect(draft.startsAt).toBe('2026-12-03 09:00');
    expect(draft.endsAt).toBe('2026-12-03 11:00');
    expect(requestOf(draft, false)).toMatchObject({
      startsAt: '2026-12-03T09:00:00+08:00',
      endsAt: '2026-12-03T11:00:00+08:00',
    });
  });

  it('moves an end that is no longer after the start to two hours after it, across midnight', () => {
    const draft = newDraft(Date.parse('2026-12-01T00:00:00Z'));
    expect(withStart(draft, '2026-12-05 23:00')).toMatchObject({
      startsAt: '2026-12-05 23:00',
      endsAt: '2026-12-06 01:00',
    });
    expect(withStart({ ...draft, endsAt: '' }, '2026-12-05 14:30').endsAt).toBe('2026-12-05 16:30');
  });

  it('keeps an end that is still after the new start', () => {
    const draft = { ...newDraft(Date.parse('2026-12-01T00:00:00Z')), endsAt: '2026-12-09 18:00' };
    expect(withStart(draft, '2026-12-09 08:00').endsAt).toBe('2026-12-09 18:00');
  });
});
