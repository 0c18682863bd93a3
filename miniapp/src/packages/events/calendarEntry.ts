// An event as a phone-calendar entry: what WeChat's addPhoneCalendar takes, and the same as an .ics file for H5.
import type { EventView } from '@shared/api/events';

export interface CalendarEntry {
  uid: string;
  title: string;
  location: string;
  description: string;
  startsAt: string;
  endsAt: string;
}

export function calendarEntryOf(event: EventView): CalendarEntry {
  return {
    uid: `${event.id}@redcircle`,
    title: event.title,
    location: event.location,
    description: `红色商圈活动：${event.title}`,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
  };
}

/** 20261201T010000Z: an instant in UTC, as iCalendar writes it (the calendar app shows it in the phone's zone). */
function icsTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Text escaped for an iCalendar value (RFC 5545 3.3.11). */
function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** One VEVENT with a reminder an hour before, as a .ics file's text (CRLF line ends). */
export function icsOf(entry: CalendarEntry, now: number = Date.now()): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Red Circle//Events//ZH',
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `DTSTAMP:${icsTime(new Date(now).toISOString())}`,
    `DTSTART:${icsTime(entry.startsAt)}`,
    `DTEND:${icsTime(entry.endsAt)}`,
    `SUMMARY:${icsText(entry.title)}`,
    `LOCATION:${icsText(entry.location)}`,
    `DESCRIPTION:${icsText(entry.description)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT1H',
    `DESCRIPTION:${icsText(entry.title)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
