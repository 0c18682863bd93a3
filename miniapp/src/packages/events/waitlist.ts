// How a waitlisted sign-up reads (event detail, 我的报名): its place, exact or about, and what happens next.
import type { SignupView } from '@shared/api/events';

export const WAITLIST_NEXT_STEP = '有空位时按顺序自动递补，并通知您';

/** 候补第 3 位, or 约第 3 位 when the API says the place is an estimate; 候补中 without a place. */
export function waitlistPlace(
  signup: Pick<SignupView, 'waitlistPosition' | 'waitlistPositionApproximate'>,
): string {
  if (signup.waitlistPosition === undefined) return '候补中';
  return signup.waitlistPositionApproximate
    ? `候补 · 约第 ${signup.waitlistPosition} 位`
    : `候补第 ${signup.waitlistPosition} 位`;
}
