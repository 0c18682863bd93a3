import { shiftIdParamsSchema } from '../../../../shared/api/services';
import { noContent, route } from '../../../lib/http';
import { shiftService } from '../shiftService';

export const handler = route({ access: 'staff', params: shiftIdParamsSchema }, async ({ params }) => {
  await shiftService.remove(params.id);
  return noContent();
});
