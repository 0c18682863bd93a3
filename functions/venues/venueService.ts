// Venues: create, edit, read, list by kind.
import type * as z from 'zod/mini';
import type {
  CreateVenueRequest,
  UpdateVenueRequest,
  Venue,
  VenueKind,
  createVenueSchema,
} from '../../shared/api/venues';
import type { Page } from '../lib/dynamo';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { creationId } from '../lib/idempotency';
import { newId } from '../lib/ids';
import type { VenueChanges, VenueRecord } from './model';
import { venueStore } from './venueStore';
import { toVenue } from './views';

type CreateInput = z.output<typeof createVenueSchema>;

export const venueService = {
  async require(id: string, consistent = true): Promise<VenueRecord> {
    const venue = await venueStore.get(id, consistent);
    if (!venue) throw new NotFoundError('场地不存在');
    return venue;
  },

  async get(id: string): Promise<Venue> {
    return toVenue(await this.require(id, false));
  },

  /**
   * With a staff member's Idempotency-Key (`key`) the venue's id comes from (user, key): a retry after a crash or a
   * lost reply finds the venue it created and answers it, never a second venue.
   */
  async create(input: CreateInput | CreateVenueRequest, userId?: string, key?: string): Promise<Venue> {
    const now = Date.now();
    const createdAt = new Date(now).toISOString();
    const id = userId === undefined ? newId(now) : creationId('venue', userId, key, () => newId(now));
    const record: VenueRecord = {
      id,
      name: input.name,
      kind: input.kind,
      address: input.address,
      location: input.location ?? null,
      capacity: input.capacity,
      facilities: input.facilities ?? [],
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      bookable: input.bookable ?? input.kind !== 'outdoor_site',
      createdAt,
      updatedAt: createdAt,
    };
    if (await venueStore.create(record)) {
      failpoint('venues.venue.afterCreated');
      return toVenue(record);
    }
    const earlier = await venueStore.get(id, true);
    if (!earlier) throw new UnavailableError();
    return toVenue(earlier);
  },

  async update(id: string, changes: UpdateVenueRequest): Promise<Venue> {
    const updated = await venueStore.update(id, changes as VenueChanges, new Date().toISOString());
    if (!updated) throw new NotFoundError('场地不存在');
    return toVenue(updated);
  },

  async list(kind: VenueKind | undefined, limit: number, cursor?: string): Promise<Page<Venue>> {
    const page = await venueStore.list(kind, limit, cursor);
    return { items: page.items.map(toVenue), nextCursor: page.nextCursor };
  },
};
