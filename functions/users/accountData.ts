// The features that hold a user's data, each with its export and its part of closing the account. A feature that
// stores personal data adds one entry here (its own `accountDataService`): the export then includes it, and closing
// erases it. Venue bookings, service requests and duty appointments are exported through their own "mine" lists;
// their erasure on closing is theirs to add (`closeFor`), not yet written.
import type { Page } from '../../shared/api/common';
import { allianceAccountDataService } from '../alliance/accountDataService';
import { accountDataService as eventsAccountData } from '../events/accountDataService';
import { appointmentService } from '../services/duty/appointmentService';
import { toAppointmentView } from '../services/duty/views';
import { requestService } from '../services/requestService';
import { toRequestView } from '../services/views';
import { spacesAccountDataService } from '../spaces/accountDataService';
import { bookingService } from '../venues/bookingService';
import { wallAccountDataService } from '../wall/accountDataService';

export interface AccountDataSection {
  /** The key of this section in GET /v1/me/export. */
  name: string;
  exportFor(userId: string): Promise<unknown[]>;
  /** Erases or detaches the user's data; conditional and idempotent (run again after a crash, or by the job). */
  closeFor?(userId: string, now: number): Promise<number>;
}

/** Every page of one of the user's lists (a feature's "mine" list), mapped to its reply shape. */
async function allPages<R, T>(
  list: (userId: string, limit: number, cursor?: string) => Promise<Page<R>>,
  userId: string,
  view: (record: R) => T,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(userId, 100, cursor);
    all.push(...page.items.map(view));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export const ACCOUNT_DATA_SECTIONS: AccountDataSection[] = [
  { name: 'signups', exportFor: eventsAccountData.exportFor, closeFor: eventsAccountData.closeFor },
  {
    name: 'checkins',
    exportFor: spacesAccountDataService.exportFor,
    closeFor: spacesAccountDataService.closeFor,
  },
  {
    name: 'messages',
    exportFor: wallAccountDataService.exportFor,
    closeFor: wallAccountDataService.closeFor,
  },
  {
    name: 'claims',
    exportFor: allianceAccountDataService.exportFor,
    closeFor: allianceAccountDataService.closeFor,
  },
  {
    name: 'bookings',
    exportFor: (id) =>
      allPages(
        (...a) => bookingService.mine(...a),
        id,
        (b) => b,
      ),
  },
  {
    name: 'serviceRequests',
    exportFor: (id) => allPages((...a) => requestService.listMine(...a), id, toRequestView),
  },
  {
    name: 'appointments',
    exportFor: (id) =>
      allPages(
        (...a) => appointmentService.listMine(...a),
        id,
        (a) => toAppointmentView(a),
      ),
  },
];
