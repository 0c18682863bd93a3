import { ok, route } from '../../lib/http';
import { spaceParams } from '../model';
import { spaceService } from '../spaceService';

export const handler = route({ access: 'public', params: spaceParams }, async ({ params, user }) =>
  ok(await spaceService.detail(params.id, user?.id ?? null)),
);
