import { ok, route } from '../../lib/http';
import { merchantService } from '../merchantService';
import { toMerchant } from '../views';

export const handler = route({ access: 'user' }, async ({ user }) => {
  const record = await merchantService.mine(user.id);
  return ok({ merchant: record ? toMerchant(record) : null });
});
