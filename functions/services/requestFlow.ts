// The request flow's one owner: submitted → accepted → done, or → declined from submitted or accepted; the
// requester withdraws while submitted. Every other move is refused (409 INVALID_TRANSITION).
import type { RequestStatus } from '../../shared/api/services';

const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ['accepted', 'declined', 'withdrawn'],
  accepted: ['done', 'declined'],
  done: [],
  declined: [],
  withdrawn: [],
};

export const canMove = (from: RequestStatus, to: RequestStatus): boolean => NEXT[from].includes(to);

/** Moves staff make; `withdrawn` is the requester's alone. */
export const isStaffMove = (to: RequestStatus): boolean =>
  to === 'accepted' || to === 'done' || to === 'declined';
