// Implemented per platform: phoneActions.weapp.ts uses WeChat's share button and addPhoneCalendar;
// phoneActions.h5.ts the browser's share sheet (or copies the link) and an .ics download.
import type { CalendarEntry } from './calendarEntry';

export interface ShareButtonProps {
  openType?: 'share';
  onClick?: () => void;
}

/** Props for the 分享 button: WeChat's own share on weapp; the browser's share sheet or a copied link on H5. */
export declare function shareButtonProps(title: string, path: string): ShareButtonProps;

/** Adds the event to the phone's calendar with a reminder; rejects with a Chinese message when it cannot. */
export declare function addToPhoneCalendar(entry: CalendarEntry): Promise<void>;
