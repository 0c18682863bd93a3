import { ok, route } from '../lib/http';
import { merchantService } from './merchantService';
import { statsService } from './statsService';

export const handler = route({ access: 'merchant' }, async ({ user }) => {
  const merchant = await merchantService.requireApproved(user);
  return ok(await statsService.forMerchant(merchant.id));
});
