import { seriesQuerySchema } from '../../../shared/api/spaces';
import { ok, route } from '../../lib/http';
import { spaceParams } from '../model';
import { statsService } from '../statsService';

export const handler = route(
  { access: 'staff', params: spaceParams, query: seriesQuerySchema },
  async ({ params, query }) => ok(await statsService.series(params.id, query.days, query.to)),
);
