import { serviceMenuSchema } from '../../../shared/api/services';
import { ok, route } from '../../lib/http';
import { menuService } from '../menuService';
import { toMenuView } from '../views';

export const handler = route({ access: 'staff', body: serviceMenuSchema }, async ({ body, user }) =>
  ok(toMenuView(await menuService.replace(body, user.id))),
);
