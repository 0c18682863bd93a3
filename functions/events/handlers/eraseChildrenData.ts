// Scheduled daily (functions.yml): erase children's names and ages 30 days after their event ended.
import { retentionService } from '../retentionService';

export const handler = () => retentionService.runScheduled();
