// A browser has no WeChat subscribe messages: no consent, no reminder.
export async function askReminderConsent(): Promise<boolean> {
  return false;
}
