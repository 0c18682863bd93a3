// The dashboard figures of service requests, repaired: a request moved but not counted (a crash between the move and
// its count, failpoint `services.request.afterMoved`) is counted by the next run. Counting is exact per request and
// step (countServiceRequestFigures marks the request's id in each day item), so the run simply counts again every
// request that changed lately — what was counted stays as it is. Run with the duty desk's reconciler (every 5 min).
import { countServiceRequestFigures } from '../lib/dashboardCounters';
import { queryAll } from '../lib/dynamo';
import { logger } from '../lib/logger';
import { ALL_REQUESTS_FEED, requestFromItem } from './model';

const DAY_MS = 86400_000;
/** Requests created this long ago at most are looked at (the dashboard's longest range). */
export const REPAIR_CREATED_WITHIN_MS = 92 * DAY_MS;
/** Of those, the ones changed this recently: a crash is found by one of the next runs. */
export const REPAIR_CHANGED_WITHIN_MS = DAY_MS;

export async function repairRequestCounts(options: { now?: number } = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const requests = await queryAll(
    {
      index: 'byFeed',
      keyCondition: 'feedPk = :pk AND feedSk >= :since',
      filter: 'updatedAt >= :changed',
      values: {
        ':pk': ALL_REQUESTS_FEED,
        ':since': new Date(now - REPAIR_CREATED_WITHIN_MS).toISOString(),
        ':changed': new Date(now - REPAIR_CHANGED_WITHIN_MS).toISOString(),
      },
    },
    requestFromItem,
  );
  for (const request of requests) await countServiceRequestFigures(request);
  if (requests.length > 0) logger.info('service request figures checked', { requests: requests.length });
  return requests.length;
}
