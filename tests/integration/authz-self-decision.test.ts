// Issue 17, defect 4: nobody decides on what they submitted — staff deciding their own merchant application or
// their own wall message get 403 FORBIDDEN in the contract's error shape, and nothing changes.
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const application = {
  name: '自审商户',
  category: '餐饮',
  address: '环翠楼街道 9 号',
  contact: '李经理 13800000002',
};

function expectForbidden(res: ApiResponse) {
  expect(res.status).toBe(403);
  expect(res.body.error).toEqual({
    code: 'FORBIDDEN',
    message: expect.stringMatching(/[\u4e00-\u9fff]/),
    requestId: expect.any(String),
  });
  expect(res.body.error.requestId).not.toBe('');
  expect(res.headers['x-request-id']).toBe(res.body.error.requestId);
}

describe('staff deciding their own merchant application', () => {
  it.each(['approve', 'reject'] as const)('%s → 403, the application stays pending', async (decision) => {
    const staff = await app.userWithRoles(`self_staff_${decision}`, ['staff']);
    const applied = await app.request('POST', '/v1/merchants', { token: staff.token, body: application });
    expect(applied.status).toBe(201);
    const id = applied.body.merchant.id;

    const res = await app.request('POST', `/v1/admin/merchants/${id}/decision`, {
      token: staff.token,
      body: { decision },
    });
    expectForbidden(res);

    const mine = await app.request('GET', '/v1/merchants/me', { token: staff.token });
    expect(mine.body.merchant.status).toBe('pending');
    const me = await app.request('GET', '/v1/me', { token: staff.token });
    expect(me.body.user.roles).not.toContain('merchant');
    // Creating an offer stays refused: no merchant role was granted.
    const offer = await app.request('POST', '/v1/offers', {
      token: staff.token,
      body: {
        title: '自批优惠',
        description: '不应出现',
        alliance: 'industry',
        quantity: 5,
        validFrom: '2026-12-01T00:00:00+08:00',
        validUntil: '2027-12-01T00:00:00+08:00',
      },
    });
    expect(offer.status).toBe(403);
  });

  it('an admin (who is also staff) cannot approve their own either; another staff member can', async () => {
    const admin = await app.login('admin');
    await app.request('PUT', `/v1/admin/users/${admin.userId}/roles`, {
      token: admin.token,
      body: { roles: ['admin', 'staff'] },
    });
    const applied = await app.request('POST', '/v1/merchants', { token: admin.token, body: application });
    const id = applied.body.merchant.id;
    expectForbidden(
      await app.request('POST', `/v1/admin/merchants/${id}/decision`, {
        token: admin.token,
        body: { decision: 'approve' },
      }),
    );
    const other = await app.userWithRoles('self_staff_other', ['staff']);
    const decided = await app.request('POST', `/v1/admin/merchants/${id}/decision`, {
      token: other.token,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.merchant.status).toBe('approved');
    // The applicant repeating a decision already taken by someone else is still refused.
    expectForbidden(
      await app.request('POST', `/v1/admin/merchants/${id}/decision`, {
        token: admin.token,
        body: { decision: 'approve' },
      }),
    );
  });
});

describe('staff moderating their own wall message', () => {
  it.each(['approve', 'reject'] as const)('%s → 403, the message keeps its status', async (decision) => {
    const staff = await app.userWithRoles(`self_wall_${decision}`, ['staff']);
    const posted = await app.request('POST', '/v1/messages', {
      token: staff.token,
      body: { text: `我自己的寄语 ${decision}` },
    });
    expect(posted.status).toBe(201);
    const before = posted.body.message.status;

    const res = await app.request('POST', `/v1/admin/messages/${posted.body.message.id}/decision`, {
      token: staff.token,
      body: { decision },
    });
    expectForbidden(res);
    const list = await app.request('GET', `/v1/admin/messages?status=${before}&limit=100`, {
      token: staff.token,
    });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(posted.body.message.id);
  });
});
