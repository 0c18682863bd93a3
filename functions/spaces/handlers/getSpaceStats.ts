import { statsQuerySchema } from '../../../shared/api/spaces';
import { ok, route } from '../../lib/http';
import { spaceParams } from '../model';
import { statsService } from '../statsService';

export const handler = route(
  { access: 'staff', params: spaceParams, query: statsQuerySchema },
  async ({ params, query }) => ok(await statsService.day(params.id, query.date)),
);
