import { listOffersQuerySchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route({ access: 'public', query: listOffersQuerySchema }, async ({ query }) =>
  ok(
    await offerService.listValidNow(
      { alliance: query.alliance, merchantId: query.merchantId },
      query.limit,
      query.cursor,
    ),
  ),
);
