// The features that hold a user's data, each with its export and its part of closing the account. A feature that
// stores personal data adds one entry here (its own `accountDataService`, owned by the feature): the export then
// includes it, and closing erases it — signups, check-ins, messages, claims, the merchant application, venue
// bookings, service requests and duty appointments.
import { allianceAccountDataService } from '../alliance/accountDataService';
import { merchantAccountDataService } from '../alliance/merchantAccountDataService';
import { accountDataService as eventsAccountData } from '../events/accountDataService';
import { inboxAccountDataService } from '../inbox/accountDataService';
import { servicesAccountDataService } from '../services/accountDataService';
import { dutyAccountDataService } from '../services/duty/accountDataService';
import { spacesAccountDataService } from '../spaces/accountDataService';
import { venuesAccountDataService } from '../venues/accountDataService';
import { wallAccountDataService } from '../wall/accountDataService';
import { avatarService } from './avatarService';

export interface AccountDataSection {
  /** The key of this section in GET /v1/me/export. */
  name: string;
  exportFor(userId: string): Promise<unknown[]>;
  /** Erases or detaches the user's data; conditional and idempotent (run again after a crash, or by the job). */
  closeFor?(userId: string, now: number): Promise<number>;
}

export const ACCOUNT_DATA_SECTIONS: AccountDataSection[] = [
  // The profile picture (its own item; the name and the picture's version are on the profile, erased with it).
  { name: 'avatar', exportFor: avatarService.exportFor, closeFor: avatarService.closeFor },
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
    name: 'merchantApplications',
    exportFor: merchantAccountDataService.exportFor,
    closeFor: merchantAccountDataService.closeFor,
  },
  {
    name: 'bookings',
    exportFor: venuesAccountDataService.exportFor,
    closeFor: venuesAccountDataService.closeFor,
  },
  {
    name: 'serviceRequests',
    exportFor: servicesAccountDataService.exportFor,
    closeFor: servicesAccountDataService.closeFor,
  },
  {
    name: 'appointments',
    exportFor: dutyAccountDataService.exportFor,
    closeFor: dutyAccountDataService.closeFor,
  },
  // 消息: last, so notices the steps above caused (e.g. a promotion's) are erased with the rest.
  { name: 'inbox', exportFor: inboxAccountDataService.exportFor, closeFor: inboxAccountDataService.closeFor },
];
