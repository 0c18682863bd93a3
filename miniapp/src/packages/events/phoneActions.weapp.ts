// WeChat: the share button opens the chat picker (the page's useShareAppMessage gives the card); the calendar entry
// goes through addPhoneCalendar (a privacy API: the app's privacy popup asks first).
import Taro from '@tarojs/taro';
import type { CalendarEntry } from './calendarEntry';

export function shareButtonProps(
  _title: string,
  _path: string,
): { openType?: 'share'; onClick?: () => void } {
  return { openType: 'share' };
}

export async function addToPhoneCalendar(entry: CalendarEntry): Promise<void> {
  try {
    await Taro.addPhoneCalendar({
      title: entry.title,
      startTime: Math.floor(Date.parse(entry.startsAt) / 1000),
      // WeChat documents endTime as a string of the unix time in seconds.
      endTime: String(Math.floor(Date.parse(entry.endsAt) / 1000)),
      location: entry.location,
      description: entry.description,
      alarm: true,
      alarmOffset: 3600,
    });
  } catch (err) {
    const message = (err as { errMsg?: string }).errMsg ?? '';
    throw new Error(/cancel/i.test(message) ? '已取消' : '未能加入日历，请在设置中允许访问日历');
  }
}
