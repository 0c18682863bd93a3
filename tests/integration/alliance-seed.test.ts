// The demo data obeys the rules and shows a live alliance section on first start.
import { seed } from '../../functions/alliance/seed';
import { userService } from '../../functions/users/userService';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

it('seeds approved merchants with offers valid now, one pending application and a claimed code', async () => {
  const staff = await userService.signIn('demo_staff');
  await seed({ staffUserId: staff.id, user: async (openid) => (await userService.signIn(openid)).id });
  const industry = await app.request('GET', '/v1/offers?alliance=industry');
  const cross = await app.request('GET', '/v1/offers?alliance=cross_industry');
  expect(industry.body.items.length).toBeGreaterThanOrEqual(2);
  expect(cross.body.items.length).toBeGreaterThanOrEqual(2);
  const merchant = await app.login('merchant');
  expect((await app.request('GET', '/v1/me', { token: merchant.token })).body.user.roles).toContain(
    'merchant',
  );
  const zhangsan = await app.login('zhangsan');
  const claims = await app.request('GET', '/v1/me/claims', { token: zhangsan.token });
  expect(claims.body.items).toHaveLength(1);
  const redeemed = await app.request('POST', '/v1/redemptions', {
    token: merchant.token,
    body: { code: claims.body.items[0].code },
  });
  expect(redeemed.status).toBe(200);
  const staffToken = (await app.userWithRoles('seed_staff', ['staff'])).token;
  const queue = await app.request('GET', '/v1/admin/merchants?status=pending', { token: staffToken });
  expect(queue.body.items.map((m: { name: string }) => m.name)).toContain('街角咖啡');
});
