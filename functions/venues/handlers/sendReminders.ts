// Scheduled every 10 minutes (functions.yml): queue the reminders of tomorrow's approved bookings, send what is due.
import { messengerFromEnv } from '../../lib/notify/messengerFromEnv';
import { withSecrets } from '../../lib/secrets';
import { venueReminderService } from '../reminderService';

// withSecrets: the WeChat app id and secret come from SSM before the messenger is built (lib/secrets.ts).
export const handler = withSecrets(() => venueReminderService.runScheduled(messengerFromEnv()));
