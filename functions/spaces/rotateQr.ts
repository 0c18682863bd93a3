import { ok, route } from '../lib/http';
import { checkinPageUrl } from './checkinUrl';
import { spaceParams } from './params';
import { spaceService } from './spaceService';

/** Staff replace a leaked or damaged door code: every earlier print stops working (403 INVALID_QR). */
export const handler = route({ access: 'staff', params: spaceParams }, async ({ params, headers }) => {
  await spaceService.rotateDoorCode(params.id);
  const { space, token } = await spaceService.doorToken(params.id);
  return ok({ token, url: checkinPageUrl(headers, space.id, token), qrRevision: space.qrRevision });
});
