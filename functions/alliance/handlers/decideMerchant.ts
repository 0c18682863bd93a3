import { idParamsSchema, merchantDecisionSchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { merchantService } from '../merchantService';
import { toMerchant } from '../views';

export const handler = route(
  { access: 'staff', body: merchantDecisionSchema, params: idParamsSchema },
  async ({ user, body, params }) =>
    ok({
      merchant: toMerchant(
        await merchantService.decide(params.id, body.decision, body.reason ?? null, user.id),
      ),
    }),
);
