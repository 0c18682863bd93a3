// Spaces: create, edit, read (with the occupancy a reader should see).
import type * as z from 'zod/mini';
import type {
  CreateSpaceRequest,
  Space,
  SpaceDetailReply,
  UpdateSpaceRequest,
  createSpaceSchema,
} from '../../shared/api/spaces';
import type { Page } from '../lib/dynamo';
import { ConflictError, NotFoundError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import { newId } from '../lib/ids';
import { checkinStore } from './checkinStore';
import { spacesClock } from './clock';
import type { SpaceChanges, SpaceRecord } from './model';
import { spaceStore } from './spaceStore';
import { toOpenCheckin, toSpace } from './views';

type CreateInput = z.output<typeof createSpaceSchema>;

export const spaceService = {
  /** The space, or 404. Strongly consistent unless the caller only needs to know it exists. */
  async require(spaceId: string, consistent = true): Promise<SpaceRecord> {
    const space = await spaceStore.get(spaceId, consistent);
    if (!space) throw new NotFoundError('空间不存在');
    return space;
  },

  /** The reply for `space` at `now`: places held by check-ins past their automatic check-out are not counted. */
  async view(space: SpaceRecord, now: number): Promise<Space> {
    const overdue =
      space.occupancy > 0 ? await checkinStore.countOverdue(space.id, new Date(now).toISOString()) : 0;
    return toSpace(space, overdue, now);
  },

  /** The space's reply as of `now`, read strongly consistent; 404 when it does not exist. */
  async current(spaceId: string, now: number): Promise<Space> {
    return this.view(await this.require(spaceId), now);
  },

  /**
   * With an Idempotency-Key (`key`) the space id comes from (admin user, key): a retry after any failure finds the
   * space it created and gets it back, never a second space.
   */
  async create(input: CreateInput | CreateSpaceRequest, userId?: string, key?: string): Promise<Space> {
    const now = spacesClock.now();
    const id = userId === undefined ? newId(now) : creationId('space', userId, key, () => newId(now));
    const earlier = key === undefined ? null : await spaceStore.get(id, true);
    if (earlier) return this.view(earlier, now);
    const createdAt = new Date(now).toISOString();
    const record: SpaceRecord = {
      id,
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
    try {
      await spaceStore.create(record);
    } catch (err) {
      // A twin of this request (same key) wrote it first: its space is ours.
      const twin = key === undefined ? null : await spaceStore.get(id, true);
      if (twin) return this.view(twin, now);
      throw err;
    }
    failpoint('spaces.create.afterCreated');
    return this.view(record, now);
  },

  async update(spaceId: string, changes: UpdateSpaceRequest): Promise<Space> {
    const now = spacesClock.now();
    const result = await spaceStore.update(spaceId, changes as SpaceChanges, new Date(now).toISOString());
    if (result === 'missing') throw new NotFoundError('空间不存在');
    if (result === 'below_occupancy') {
      throw new ConflictError('CAPACITY_BELOW_OCCUPANCY', '容纳人数不能少于当前在场人数');
    }
    return this.view(result, now);
  },

  /** The space and, for a signed-in reader, their open check-in here (null once past its automatic check-out). */
  async detail(spaceId: string, readerId: string | null): Promise<SpaceDetailReply> {
    const now = spacesClock.now();
    const space = await this.current(spaceId, now);
    if (!readerId) return { space, myCheckin: null };
    const open = await checkinStore.getOpen(spaceId, readerId);
    const live = open && open.autoOutAt > new Date(now).toISOString();
    return { space, myCheckin: live ? toOpenCheckin(open) : null };
  },

  async list(limit: number, cursor?: string): Promise<Page<Space>> {
    const now = spacesClock.now();
    const page = await spaceStore.list(limit, cursor);
    return {
      items: await Promise.all(page.items.map((s) => this.view(s, now))),
      nextCursor: page.nextCursor,
    };
  },
};
