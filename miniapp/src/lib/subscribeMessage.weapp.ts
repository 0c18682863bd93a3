// One-time subscribe-message consent, asked on a tap (WeChat only allows it inside a tap handler).
import Taro from '@tarojs/taro';

/** The backend sends with the same ids (README "Release configuration"); a release refuses to build without them. */
export const TEMPLATE_IDS = {
  venueReminder: process.env.TARO_APP_VENUE_REMINDER_TEMPLATE_ID ?? '',
  serviceStatus: process.env.TARO_APP_SERVICE_STATUS_TEMPLATE_ID ?? '',
};

export async function askSubscribeConsent(templateId: string): Promise<boolean> {
  // A local build without a template id: nothing to ask for.
  if (!templateId) return false;
  try {
    const result = (await Taro.requestSubscribeMessage({
      tmplIds: [templateId],
      entityIds: [],
    } as never)) as unknown as Record<string, string>;
    return result[templateId] === 'accept';
  } catch {
    return false; // refused or not supported: go on without the message
  }
}
