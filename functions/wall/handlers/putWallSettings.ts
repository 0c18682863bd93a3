import { wallSettingsSchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { settingsService } from '../settingsService';

export const handler = route({ access: 'staff', body: wallSettingsSchema }, async ({ user, body }) =>
  ok({ settings: await settingsService.set(body.moderation, user.id) }),
);
