import { ok, route } from '../lib/http';
import { merchantService, toMerchant } from './merchantService';

export const handler = route({ access: 'user' }, async ({ user }) => {
  const record = await merchantService.mine(user.id);
  return ok({ merchant: record ? toMerchant(record) : null });
});
