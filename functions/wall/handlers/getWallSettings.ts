import { ok, route } from '../../lib/http';
import { settingsService } from '../settingsService';

export const handler = route({ access: 'staff' }, async () => ok({ settings: await settingsService.get() }));
