import { idParamsSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route({ access: 'public', params: idParamsSchema }, async ({ params }) =>
  ok({ offer: await offerService.get(params.id) }),
);
