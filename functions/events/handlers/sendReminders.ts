// Scheduled every minute (functions.yml): send the reminders that are due.
import { withSecrets } from '../../lib/secrets';
import { messengerFromEnv } from '../../lib/notify/messengerFromEnv';
import { reminderService } from '../reminders/reminderService';

// withSecrets: the WeChat app id and secret come from SSM before the messenger is built (lib/secrets.ts).
export const handler = withSecrets(() => reminderService.runScheduled(messengerFromEnv()));
