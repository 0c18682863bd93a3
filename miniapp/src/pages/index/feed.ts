// What 首页 shows before anyone signs in: a few of each public list (API.md "Browsing before signing in").
import type { EventView } from '@shared/api/events';
import type { Offer } from '@shared/api/alliance';
import type { Space } from '@shared/api/spaces';
import type { Message } from '@shared/api/wall';
import { allianceApi } from '../../api/alliance';
import { eventsApi } from '../../api/events';
import { spacesApi } from '../../api/spaces';
import { wallApi } from '../../api/wall';

export const FEED_SIZE = 3;

/** Events not over yet, soonest first, that still take sign-ups or show what is on. */
export async function upcomingEvents(now = Date.now()): Promise<EventView[]> {
  const page = await eventsApi.list();
  return page.items
    .filter((event) => event.status !== 'cancelled' && Date.parse(event.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, FEED_SIZE);
}

/** The spaces with their live occupancy (the first page is every space of the centre). */
export async function spacesNow(): Promise<Space[]> {
  return (await spacesApi.list()).items;
}

export async function latestOffers(): Promise<Offer[]> {
  return (await allianceApi.offers({}, null, FEED_SIZE)).items;
}

export async function wallMessages(): Promise<Message[]> {
  return (await wallApi.wall(null, FEED_SIZE)).items;
}
