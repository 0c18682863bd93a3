import { ok, route } from '../lib/http';
import { checkinService } from './checkinService';
import { spacesClock } from './clock';
import { spaceParams } from './params';
import { spaceService } from './spaceService';

export const handler = route({ access: 'public', params: spaceParams }, async ({ params, user }) => {
  const space = await spaceService.get(params.id);
  const myCheckin = user ? await checkinService.myCheckin(user.id, params.id, spacesClock.now()) : null;
  return ok({ space, myCheckin });
});
