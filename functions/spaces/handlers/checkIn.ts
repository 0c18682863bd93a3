import { checkinRequestSchema } from '../../../shared/api/spaces';
import { created, ok, route } from '../../lib/http';
import { checkinService } from '../checkinService';
import { spaceParams } from '../model';

export const handler = route(
  { access: 'user', body: checkinRequestSchema, params: spaceParams },
  async ({ body, params, user }) => {
    const { checkin, space, created: isNew } = await checkinService.checkIn(user, params.id, body.token);
    return isNew ? created({ checkin, space }) : ok({ checkin, space });
  },
);
