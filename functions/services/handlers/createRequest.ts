import { createRequestSchema } from '../../../shared/api/services';
import { attemptsPerDay, created, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

/** Each request joins the staff's queue: 20 attempts per user per 24 hours (docs/api/boundary.md). */
export const SERVICE_REQUEST_LIMIT = attemptsPerDay(
  'services-request',
  20,
  '今天提交的服务需求过多，请明天再试',
);

// With an Idempotency-Key the request's id comes from (user, key): a retry finds the request it created.
export const handler = route(
  { access: 'user', body: createRequestSchema, limit: SERVICE_REQUEST_LIMIT },
  async ({ body, user, headers }) =>
    created({
      request: toRequestView(await requestService.create(user.id, body, headers['idempotency-key'])),
    }),
);
