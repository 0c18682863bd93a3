// H5: share with the browser's share sheet where there is one, else copy the page's link; the calendar entry is an
// .ics file the phone's calendar opens.
import Taro from '@tarojs/taro';
import { icsOf, type CalendarEntry } from './calendarEntry';

export function shareButtonProps(title: string, path: string): { openType?: 'share'; onClick?: () => void } {
  return {
    onClick: () => {
      const url = `${window.location.origin}${path}`;
      const nav = navigator as Navigator & {
        share?: (data: { title: string; url: string }) => Promise<void>;
      };
      if (nav.share) {
        void nav.share({ title, url }).catch(() => undefined);
        return;
      }
      void Taro.setClipboardData({ data: `${title} ${url}` }).then(
        () => void Taro.showToast({ title: '链接已复制，可粘贴发给好友', icon: 'none' }),
        () => void Taro.showToast({ title: '复制失败，请稍后再试', icon: 'none' }),
      );
    },
  };
}

export async function addToPhoneCalendar(entry: CalendarEntry): Promise<void> {
  const blob = new Blob([icsOf(entry)], { type: 'text/calendar;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `${entry.title}.ics`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
