// Scheduled every minute (functions.yml): send the requesters' status-change messages that are due.
import { messengerFromEnv } from '../../lib/notify/messengerFromEnv';
import { withSecrets } from '../../lib/secrets';
import { statusMessageService } from '../statusMessageService';

// withSecrets: the WeChat app id and secret come from SSM before the messenger is built (lib/secrets.ts).
export const handler = withSecrets(() => statusMessageService.runScheduled(messengerFromEnv()));
