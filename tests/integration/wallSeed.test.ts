// The wall's demo data goes through the services and leaves a consistent wall.
import { userService } from '../../functions/users/userService';
import { likeStore } from '../../functions/wall/likeStore';
import { seed } from '../../functions/wall/seed';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

it('seeds published, liked, pending and rejected messages', async () => {
  const staff = await app.userWithRoles('seed_staff', ['staff']);
  await seed({ staffUserId: staff.userId, user: async (openid) => (await userService.signIn(openid)).id });
  const wall = (await app.request('GET', '/v1/messages')).body.items;
  expect(wall).toHaveLength(4);
  expect(wall.filter((m: { author: unknown }) => m.author === null)).toHaveLength(1);
  for (const m of wall) expect(m.likes).toBe(await likeStore.countLiked(m.id));
  expect(wall.some((m: { likes: number }) => m.likes > 0)).toBe(true);
  const pending = (await app.request('GET', '/v1/admin/messages?status=pending', { token: staff.token })).body
    .items;
  expect(pending).toHaveLength(1);
  const rejected = (await app.request('GET', '/v1/admin/messages?status=rejected', { token: staff.token }))
    .body.items;
  expect(rejected[0].reason).toBe('寄语墙不发布商业广告');
});
