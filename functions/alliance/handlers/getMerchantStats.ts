import { ok, route } from '../../lib/http';
import { statsService } from '../statsService';

export const handler = route({ access: 'merchant' }, async ({ user }) =>
  ok(await statsService.forMerchant(user)),
);
