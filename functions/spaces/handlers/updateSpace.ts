import { updateSpaceSchema } from '../../../shared/api/spaces';
import { ok, route } from '../../lib/http';
import { spaceParams } from '../model';
import { spaceService } from '../spaceService';

export const handler = route(
  { access: 'admin', body: updateSpaceSchema, params: spaceParams },
  async ({ body, params }) => ok({ space: await spaceService.update(params.id, body) }),
);
