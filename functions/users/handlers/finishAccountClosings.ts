// Scheduled every 10 minutes (functions/users/functions.yml): finishes closings a crash left unfinished.
import { finishUnfinishedClosings } from '../accountSteps';

export const handler = () => finishUnfinishedClosings();
