// Spaces: create, edit, read (with the occupancy a reader should see), and the door code.
import type { CreateSpaceRequest, Space, UpdateSpaceRequest } from '../../shared/api/spaces';
import { createSpaceSchema } from '../../shared/api/spaces';
import { ConflictError, NotFoundError } from '../lib/errors';
import { newId } from '../lib/ids';
import { signToken } from '../lib/signedTokens';
import type { z } from 'zod';
import { DOOR_TOKEN_PURPOSE } from './checkinService';
import { spacesClock } from './clock';
import type { SpaceRecord } from './keys';
import { presentSpace } from './presenters';
import { spaceStore, type SpaceChanges } from './spaceStore';

type CreateInput = z.output<typeof createSpaceSchema>;

async function requireSpace(spaceId: string): Promise<SpaceRecord> {
  const space = await spaceStore.get(spaceId, true);
  if (!space) throw new NotFoundError('空间不存在');
  return space;
}

export const spaceService = {
  async create(input: CreateInput | CreateSpaceRequest): Promise<Space> {
    const now = spacesClock.now();
    const createdAt = new Date(now).toISOString();
    const record: SpaceRecord = {
      id: newId(now),
      name: input.name,
      address: input.address,
      capacity: input.capacity,
      occupancy: 0,
      seq: 0,
      intents: {}, // must exist: `SET intents.#id` fails on a missing map
      qrRevision: 1,
      amenities: input.amenities ?? [],
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      createdAt,
      updatedAt: createdAt,
    };
    await spaceStore.create(record);
    return presentSpace(record, now);
  },

  async update(spaceId: string, changes: UpdateSpaceRequest): Promise<Space> {
    const now = spacesClock.now();
    const result = await spaceStore.update(spaceId, changes as SpaceChanges, new Date(now).toISOString());
    if (result === 'missing') throw new NotFoundError('空间不存在');
    if (result === 'below_occupancy') {
      throw new ConflictError('CAPACITY_BELOW_OCCUPANCY', '容纳人数不能少于当前在场人数');
    }
    return presentSpace(result, now);
  },

  async get(spaceId: string): Promise<Space> {
    return presentSpace(await requireSpace(spaceId), spacesClock.now());
  },

  async list(limit: number, startKey?: Record<string, unknown>) {
    const now = spacesClock.now();
    const page = await spaceStore.list(limit, startKey);
    return { items: await Promise.all(page.items.map((s) => presentSpace(s, now))), lastKey: page.lastKey };
  },

  /** The signed text of the door code: the space and the code's revision (rotating invalidates old prints). */
  async doorToken(spaceId: string): Promise<{ space: SpaceRecord; token: string }> {
    const space = await requireSpace(spaceId);
    return { space, token: signToken(DOOR_TOKEN_PURPOSE, { s: space.id, r: space.qrRevision }) };
  },

  async rotateDoorCode(spaceId: string): Promise<void> {
    const revision = await spaceStore.rotateQr(spaceId, new Date(spacesClock.now()).toISOString());
    if (revision === null) throw new NotFoundError('空间不存在');
  },
};
