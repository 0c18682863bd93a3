// One user's claims, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing: each claim (found on `byOwner`, "my codes") keeps counting for its offer and merchant but stops pointing to
// a person — one conditional write per claim that also takes it off the user's list, so a retry after a crash erases
// only what is left. The per-user slots (OFFER#…/SLOT#<uid>#n) keep the limit's arithmetic and hold no person's data.
import type { Claim } from '../../shared/api/alliance';
import { failpoint } from '../lib/faults';
import { claimStore } from './claimStore';
import type { ClaimRecord } from './model';
import { toClaim } from './views';

async function allOf(userId: string): Promise<ClaimRecord[]> {
  const all: ClaimRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await claimStore.listForUser(userId, 100, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Closing: the user's claims stay counted, with no claimant. Returns how many were erased. */
async function closeFor(userId: string): Promise<number> {
  let erased = 0;
  for (const claim of await allOf(userId)) {
    if (await claimStore.eraseClaimant(claim.code, userId)) erased++;
    failpoint('account.alliance.afterClaimErased');
  }
  return erased;
}

/** The export: every claim of the user, as "my codes" shows it. */
async function exportFor(userId: string): Promise<Claim[]> {
  return (await allOf(userId)).map(toClaim);
}

export const allianceAccountDataService = { closeFor, exportFor };
