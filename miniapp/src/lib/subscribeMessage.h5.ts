// A browser has no WeChat subscribe messages: no consent, no message.
export const TEMPLATE_IDS = { venueReminder: '', serviceStatus: '' };

export async function askSubscribeConsent(_templateId: string): Promise<boolean> {
  return false;
}
