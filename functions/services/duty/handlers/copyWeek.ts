import { copyWeekSchema } from '../../../../shared/api/services';
import { ok, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toShiftView } from '../views';

export const handler = route({ access: 'staff', body: copyWeekSchema }, async ({ body, user }) => {
  const report = await shiftService.copyWeek(body.fromWeek, body.toWeek, user.id);
  return ok({
    copied: report.copied,
    existing: report.existing,
    shifts: report.shifts.map((s) => toShiftView(s)),
  });
});
