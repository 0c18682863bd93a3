import { checkinRequestSchema } from '../../../shared/api/spaces';
import { created, ok, route } from '../../lib/http';
import { checkinService } from '../checkinService';
import { spaceParams } from '../model';

/** Each check-in writes the space and a visit: 30 attempts per user per 10 minutes (a forged door code counts). */
export const CHECKIN_LIMIT = {
  bucket: 'spaces-checkin',
  limit: 30,
  windowSeconds: 600,
  message: '签到过于频繁，请 10 分钟后再试',
};

export const handler = route(
  { access: 'user', body: checkinRequestSchema, params: spaceParams, limit: CHECKIN_LIMIT },
  async ({ body, params, user }) => {
    const { checkin, space, created: isNew } = await checkinService.checkIn(user, params.id, body.token);
    return isNew ? created({ checkin, space }) : ok({ checkin, space });
  },
);
