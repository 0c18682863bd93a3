import { ok, route } from '../../lib/http';
import { checkinService } from '../checkinService';
import { spaceParams } from '../model';

export const handler = route({ access: 'user', params: spaceParams }, async ({ params, user }) =>
  ok(await checkinService.checkOut(user, params.id)),
);
