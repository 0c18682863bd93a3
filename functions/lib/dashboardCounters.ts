// What each feature's write path counts for the staff dashboard, in one call per place (functions/admin reads it).
// Every call is best effort and never fails the user's action; distinct-people figures are exact under retries.
import { countHour, countParticipation } from './activityMetrics';
import { countDistinct } from './distinctMetrics';
import { countDaily } from './metrics';

/** Children taking part: youth education takes one seat per child; other kinds seat the signed-in adult. */
const childrenIn = (kind: string, seats: number) => (kind === 'youth_education' ? seats : 0);

/** A new sign-up (confirmed or waitlisted): per kind, its children (youth education), and the person. */
export async function countSignupFigures(kind: string, userId: string, seats: number): Promise<void> {
  const children = childrenIn(kind, seats);
  await Promise.all([
    countDaily(`signups.${kind}`),
    children > 0 ? countDaily(`children.${kind}`, children) : undefined,
    countDistinct('participants', userId),
  ]);
}

/** A sign-up cancelled: its children leave the figure of the day it was made. */
export async function uncountSignupChildren(kind: string, seats: number, createdAt: string): Promise<void> {
  const children = childrenIn(kind, seats);
  if (children > 0) await countDaily(`children.${kind}`, -children, Date.parse(createdAt));
}

/** First attendance of a sign-up: per kind, and one participation for "who is active". */
export async function countAttendanceFigures(kind: string, userId: string): Promise<void> {
  await Promise.all([countDaily(`attendance.${kind}`), countParticipation(userId)]);
}

/** A check-in to a shared space: the visitor (in all and by identity), its hour, and one participation. */
export async function countVisitFigures(userId: string, identity: string, at: number): Promise<void> {
  await Promise.all([
    countDistinct('visitors', userId, at),
    countDistinct(`visitors_${identity}`, userId, at),
    countHour('checkins', at),
    countParticipation(userId, at),
  ]);
}

/** A merchant took part (a code claimed from it or redeemed by it); with the offer's alliance on a redemption. */
export async function countMerchantFigures(merchantId: string, redeemedIn?: string): Promise<void> {
  await Promise.all([
    countDistinct('merchants', merchantId),
    redeemedIn ? countDaily(`redemptions.${redeemedIn}`) : undefined,
  ]);
}

/** An event created: counted as held on the district day it starts. */
export async function countEventHeld(kind: string, startsAt: string): Promise<void> {
  await countDaily(`events.${kind}`, 1, Date.parse(startsAt));
}
