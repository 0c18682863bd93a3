// Scheduled every minute (functions.yml): send the reminders that are due.
import { messengerFromEnv } from '../reminders/messengerFromEnv';
import { reminderService } from '../reminders/reminderService';

export const handler = () => reminderService.runScheduled(messengerFromEnv());
