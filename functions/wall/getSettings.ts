import { ok, route } from '../lib/http';
import { wallSettings } from './settings';

export const handler = route({ access: 'staff' }, async () => ok({ settings: await wallSettings.get() }));
