import { staffRequestsQuerySchema } from '../../../shared/api/services';
import { ok, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

/** The staff queue, oldest first; `?status=` and `?categoryId=` narrow it. */
export const handler = route({ access: 'staff', query: staffRequestsQuerySchema }, async ({ query }) => {
  const { status, categoryId, limit, cursor } = query;
  const page = await requestService.listForStaff({ status, categoryId }, limit, cursor);
  return ok({ items: page.items.map(toRequestView), nextCursor: page.nextCursor });
});
