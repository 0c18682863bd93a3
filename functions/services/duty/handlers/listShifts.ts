import { dutyRange, dutyRangeQuerySchema } from '../../../../shared/api/services';
import { ok, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toShiftView } from '../views';

/**
 * The roster between `from` and `to` (at most 31 days; from now over 7 days by default), by start time; a signed-in
 * caller sees their own booking.
 */
export const handler = route({ access: 'public', query: dutyRangeQuerySchema }, async ({ query, user }) => {
  const { from, to } = dutyRange(query)!; // the schema refused a range that does not parse
  const rows = await shiftService.list(from, to, user?.id);
  // The whole range in one reply: a list as the contract's lists are, with no next page.
  return ok({ items: rows.map(({ shift, mine }) => toShiftView(shift, mine)), nextCursor: null });
});
