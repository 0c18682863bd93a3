import { pageQuerySchema } from '../../shared/api/common';
import { ok, route } from '../lib/http';
import { merchantService } from './merchantService';
import { offerService } from './offerService';

export const handler = route({ access: 'merchant', query: pageQuerySchema }, async ({ user, query }) => {
  const merchant = await merchantService.requireApproved(user);
  return ok(await offerService.listForMerchant(merchant.id, query.limit, query.cursor));
});
