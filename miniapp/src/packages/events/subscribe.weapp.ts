// One-time subscribe message consent, asked on the sign-up tap (WeChat only allows it inside a tap handler).
import Taro from '@tarojs/taro';

/**
 * The 活动提醒 template of the mini-program (mp console → 订阅消息); the backend sends with the same id. Set when
 * building (TARO_APP_EVENT_REMINDER_TEMPLATE_ID, miniapp/config/buildEnv.ts); a release refuses to build without it.
 */
export const EVENT_REMINDER_TEMPLATE_ID = process.env.TARO_APP_EVENT_REMINDER_TEMPLATE_ID ?? '';

export async function askReminderConsent(): Promise<boolean> {
  // A local build without a template id: no reminder to ask for.
  if (!EVENT_REMINDER_TEMPLATE_ID) return false;
  try {
    const result = (await Taro.requestSubscribeMessage({
      tmplIds: [EVENT_REMINDER_TEMPLATE_ID],
      entityIds: [],
    } as never)) as unknown as Record<string, string>;
    return result[EVENT_REMINDER_TEMPLATE_ID] === 'accept';
  } catch {
    return false; // refused or not supported: sign up without a reminder
  }
}
