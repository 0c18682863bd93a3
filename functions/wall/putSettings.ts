import { wallSettingsSchema } from '../../shared/api/wall';
import { ok, route } from '../lib/http';
import { wallSettings } from './settings';

export const handler = route({ access: 'staff', body: wallSettingsSchema }, async ({ user, body }) =>
  ok({ settings: await wallSettings.set(body.moderation, user.id) }),
);
