import { idParamsSchema } from '../../../shared/api/alliance';
import { created, route } from '../../lib/http';
import { claimService } from '../claimService';

export const handler = route({ access: 'user', params: idParamsSchema }, async ({ user, params }) =>
  created({ claim: await claimService.claim(params.id, user.id) }),
);
