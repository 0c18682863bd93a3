import { createShiftSchema } from '../../../../shared/api/services';
import { created, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toShiftView } from '../views';

export const handler = route({ access: 'staff', body: createShiftSchema }, async ({ body, user }) =>
  created({ shift: toShiftView(await shiftService.create(body, user.id)) }),
);
