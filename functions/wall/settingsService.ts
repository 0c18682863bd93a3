// The moderation mode: a staff-editable setting, defaulting to env WALL_MODERATION (pre | post; pre if unset).
import type { ModerationMode, WallSettings } from '../../shared/api/wall';
import { optionalEnv } from '../lib/config';
import { settingsStore } from './settingsStore';

export function defaultModerationMode(): ModerationMode {
  const value = optionalEnv('WALL_MODERATION', 'pre');
  if (value !== 'pre' && value !== 'post')
    throw new Error(`WALL_MODERATION must be pre or post, not ${value}`);
  return value;
}

export const settingsService = {
  async get(): Promise<WallSettings> {
    const stored = await settingsStore.get();
    if (stored) return { moderation: stored.moderation, source: 'setting', updatedAt: stored.updatedAt };
    return { moderation: defaultModerationMode(), source: 'default', updatedAt: null };
  },

  async moderationMode(): Promise<ModerationMode> {
    return (await this.get()).moderation;
  },

  async set(moderation: ModerationMode, staffUserId: string): Promise<WallSettings> {
    const updatedAt = new Date().toISOString();
    await settingsStore.put({ moderation, updatedAt, updatedBy: staffUserId });
    return { moderation, source: 'setting', updatedAt };
  },
};
