import { shiftIdParamsSchema } from '../../../../shared/api/services';
import { noContent, route } from '../../../lib/http';
import { appointmentService } from '../appointmentService';

export const handler = route({ access: 'user', params: shiftIdParamsSchema }, async ({ params, user }) => {
  await appointmentService.cancel(params.id, user.id);
  return noContent();
});
