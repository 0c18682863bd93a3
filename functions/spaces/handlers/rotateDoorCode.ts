import { ok, route } from '../../lib/http';
import { doorCodeService } from '../doorCodeService';
import { spaceParams } from '../model';

/** Staff replace a leaked or damaged door code: every earlier print stops working (403 INVALID_QR). */
export const handler = route({ access: 'staff', params: spaceParams }, async ({ params, headers }) =>
  ok(await doorCodeService.rotate(params.id, headers)),
);
