// 加入日历 on H5 hands the phone an .ics file: times in UTC, text escaped, a reminder an hour before.
import { calendarEntryOf, icsOf } from '../../miniapp/src/packages/events/calendarEntry';
import type { EventView } from '@shared/api/events';

describe('event calendar entry', () => {
  const event = {
    id: 'evt_1',
    title: '行走的党课; 刘公岛, 第一站',
    location: '刘公岛\n北门',
    startsAt: '2026-12-05T09:00:00+08:00',
    endsAt: '2026-12-05T11:30:00+08:00',
  } as EventView;

  it('writes one VEVENT in UTC with escaped text and an alarm', () => {
    const ics = icsOf(calendarEntryOf(event), Date.parse('2026-12-01T00:00:00Z'));
    const lines = ics.split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        'UID:evt_1@redcircle',
        'DTSTAMP:20261201T000000Z',
        'DTSTART:20261205T010000Z',
        'DTEND:20261205T033000Z',
        'SUMMARY:行走的党课\\; 刘公岛\\, 第一站',
        'LOCATION:刘公岛\\n北门',
        'TRIGGER:-PT1H',
      ]),
    );
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
