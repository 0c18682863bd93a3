import { createShiftSchema } from '../../../../shared/api/services';
import { created, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toShiftView } from '../views';

// With an Idempotency-Key the shift's id comes from (user, key): a retry finds the shift it created.
export const handler = route({ access: 'staff', body: createShiftSchema }, async ({ body, user, headers }) =>
  created({ shift: toShiftView(await shiftService.create(body, user.id, headers['idempotency-key'])) }),
);
