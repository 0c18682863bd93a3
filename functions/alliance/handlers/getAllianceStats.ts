import { ok, route } from '../../lib/http';
import { statsService } from '../statsService';

export const handler = route({ access: 'staff' }, async () => ok(await statsService.forStaff()));
