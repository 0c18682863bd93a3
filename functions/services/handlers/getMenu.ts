import { ok, route } from '../../lib/http';
import { menuService } from '../menuService';
import { toMenuView } from '../views';

export const handler = route({ access: 'public' }, async () => ok(toMenuView(await menuService.get())));
