// Service menu and service requests (issue 15): the seeded menu, the request flow end to end, every refused move,
// two staff at once, idempotent creation and the staff queue's filters.
import { db } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { MENU_KEY } from '../../functions/services/model';
import { seed } from '../../functions/services/seed';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS, type RequestStatus } from '../../shared/api/services';
import { userService } from '../../functions/users/userService';
import { startTestApp, type TestApp } from '../support/app';
import { leaseRunsOut } from '../support/idempotencyLease';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
let staff2: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('svc_staff', ['staff']);
  staff2 = await app.userWithRoles('svc_staff2', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

let n = 0;
async function submit(token: string, itemId = 'policy-tax', headers?: Record<string, string>) {
  n++;
  return app.request('POST', '/v1/service-requests', {
    token,
    headers,
    body: { itemId, description: `想咨询研发费用加计扣除 ${n}`, contact: '13800000000' },
  });
}
const move = (id: string, to: string, token = staff.token, note?: string) =>
  app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
    token,
    body: { to, ...(note ? { note } : {}) },
  });
const withdraw = (id: string, token: string) =>
  app.request('DELETE', `/v1/service-requests/${id}`, { token });

describe('the menu', () => {
  it('a first start seeds 4 categories holding 19 items, read by anyone', async () => {
    const demoStaff = await userService.signIn('demo_staff');
    await seed({ staffUserId: demoStaff.id, user: async (openid) => (await userService.signIn(openid)).id });
    const res = await app.request('GET', '/v1/services');
    expect(res.status).toBe(200);
    const names = res.body.categories.map((c: { name: string }) => c.name);
    expect(names).toEqual(['党务', '政策', '商务', '公益']);
    const items = res.body.categories.flatMap((c: { items: unknown[] }) => c.items);
    expect(items).toHaveLength(19);
    for (const item of items)
      expect(item).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          name: expect.any(String),
          description: expect.any(String),
          provider: expect.any(String),
        }),
      );
    expect(new Set(items.map((i: { id: string }) => i.id)).size).toBe(19);
    // The roster of the first start is there too.
    const from = new Date(Date.now() - 86400000).toISOString();
    const to = new Date(Date.now() + 14 * 86400000).toISOString();
    const duty = await app.request('GET', `/v1/duty?from=${from}&to=${to}`);
    expect(duty.body.items.length).toBeGreaterThanOrEqual(9);
  });

  it('staff replace it; a user may not; bad input is 422 and writes nothing', async () => {
    const user = await app.login('svc_menu_user');
    const before = (await app.request('GET', '/v1/services')).body;
    const menu = {
      categories: [
        ...before.categories,
        {
          id: 'extra',
          name: '其他',
          items: [{ id: 'extra-1', name: '代办服务', description: '帮忙跑腿', provider: '服务中心' }],
        },
      ],
    };
    expect((await app.request('PUT', '/v1/admin/services', { token: user.token, body: menu })).status).toBe(
      403,
    );
    const dup = {
      categories: [
        { id: 'a', name: '甲', items: [menu.categories[4].items[0], menu.categories[4].items[0]] },
      ],
    };
    const refused = await app.request('PUT', '/v1/admin/services', { token: staff.token, body: dup });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.error.fields)).toContain('categories.0.items.1.id');
    // Category ids are unique too: the repeat is named by its path, item ids distinct or not.
    const [first, second] = before.categories;
    const twice = { categories: [first, { ...second, id: first.id }] };
    const sameCategory = await app.request('PUT', '/v1/admin/services', { token: staff.token, body: twice });
    expect([sameCategory.status, sameCategory.body.error.fields]).toEqual([
      422,
      { 'categories.1.id': '分类编号重复' },
    ]);
    expect((await app.request('GET', '/v1/services')).body).toEqual(before);
    expect((await app.request('PUT', '/v1/admin/services', { token: staff.token, body: menu })).status).toBe(
      200,
    );
    expect((await app.request('GET', '/v1/services')).body.categories).toHaveLength(5);
    expect(
      (await app.request('PUT', '/v1/admin/services', { token: staff.token, body: before })).status,
    ).toBe(200);
  });
});

describe('a request', () => {
  it('goes submitted → accepted → done with who, when and the notes in its history', async () => {
    const user = await app.login('svc_flow');
    expect(
      (
        await app.request('POST', '/v1/service-requests', {
          body: { itemId: 'policy-tax', description: '咨询' },
        })
      ).status,
    ).toBe(401);
    const created = await submit(user.token);
    expect(created.status).toBe(201);
    const { request } = created.body;
    expect(request).toMatchObject({
      itemId: 'policy-tax',
      status: 'submitted',
      categoryId: 'policy',
      itemName: '税收优惠政策解读',
    });
    expect(request.history).toEqual([{ status: 'submitted', at: request.createdAt, by: 'requester' }]);
    expect((await move(request.id, 'accepted', user.token)).status).toBe(403);
    const accepted = await move(request.id, 'accepted', staff.token, '已联系税务专员');
    expect(accepted.status).toBe(200);
    expect(accepted.body.request.status).toBe('accepted');
    const done = await move(request.id, 'done', staff2.token, '已当面答复');
    expect(done.body.request.status).toBe('done');
    expect(
      done.body.request.history.map((h: { status: string; note?: string; by: string }) => [
        h.status,
        h.note,
        h.by,
      ]),
    ).toEqual([
      ['submitted', undefined, 'requester'],
      ['accepted', '已联系税务专员', 'staff'],
      ['done', '已当面答复', 'staff'],
    ]);
    const mine = await app.request('GET', '/v1/me/service-requests', { token: user.token });
    expect(mine.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [request.id, 'done'],
    ]);
  });

  it('is declined from submitted or from accepted, with the note', async () => {
    const user = await app.login('svc_decline');
    const a = (await submit(user.token)).body.request;
    const b = (await submit(user.token)).body.request;
    expect(
      (await move(a.id, 'declined', staff.token, '不属于服务范围')).body.request.history[1],
    ).toMatchObject({ status: 'declined', note: '不属于服务范围' });
    await move(b.id, 'accepted');
    expect((await move(b.id, 'declined')).body.request.status).toBe('declined');
  });

  // The message names the statuses as people read them (已受理 → 已撤回), never by their codes.
  const label = (status: string) => REQUEST_STATUS_LABELS[status as RequestStatus];
  const expectNoStatusCodes = (message: string) => {
    for (const code of REQUEST_STATUSES) expect(message).not.toContain(code);
    expect(message).not.toMatch(/[A-Za-z]/);
  };

  it('refuses every move the flow does not allow with 409 INVALID_TRANSITION in Chinese, changing nothing', async () => {
    const user = await app.login('svc_refused');
    const at = async (status: string) => {
      const r = (await submit(user.token)).body.request;
      if (status === 'accepted' || status === 'done') await move(r.id, 'accepted');
      if (status === 'done') await move(r.id, 'done');
      if (status === 'declined') await move(r.id, 'declined');
      if (status === 'withdrawn') expect((await withdraw(r.id, user.token)).status).toBe(200);
      return r.id as string;
    };
    const refused: [string, string][] = [
      ['submitted', 'done'],
      ['accepted', 'accepted'],
      ['done', 'accepted'],
      ['done', 'done'],
      ['done', 'declined'],
      ['declined', 'accepted'],
      ['declined', 'done'],
      ['declined', 'declined'],
      ['withdrawn', 'accepted'],
      ['withdrawn', 'done'],
      ['withdrawn', 'declined'],
    ];
    for (const [from, to] of refused) {
      const id = await at(from);
      const res = await move(id, to);
      expect([from, to, res.status, res.body.error?.code]).toEqual([from, to, 409, 'INVALID_TRANSITION']);
      expect(res.body.error.message).toBe(`当前状态不能变更（${label(from)} → ${label(to)}）`);
      expectNoStatusCodes(res.body.error.message);
      const mine = (await app.request('GET', '/v1/me/service-requests?limit=1', { token: user.token })).body
        .items[0];
      expect([mine.id, mine.status]).toEqual([id, from]);
    }
    // The requester withdraws only while submitted.
    for (const from of ['accepted', 'done', 'declined', 'withdrawn']) {
      const res = await withdraw(await at(from), user.token);
      expect([from, res.status, res.body.error?.code]).toEqual([from, 409, 'INVALID_TRANSITION']);
      expect(res.body.error.message).toBe(`当前状态不能撤回（${label(from)} → 已撤回）`);
      expectNoStatusCodes(res.body.error.message);
    }
    // Staff cannot make the requester's move, and the move must be one of the three.
    const open = await at('submitted');
    const bad = await app.request('POST', `/v1/admin/service-requests/${open}/transition`, {
      token: staff.token,
      body: { to: 'withdrawn' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.to).toBeDefined();
  });

  it('is withdrawn only by its requester, only while submitted', async () => {
    const user = await app.login('svc_withdraw');
    const other = await app.login('svc_other');
    const r = (await submit(user.token)).body.request;
    expect((await withdraw(r.id, other.token)).status).toBe(404);
    const res = await withdraw(r.id, user.token);
    expect(res.status).toBe(200);
    expect(res.body.request.status).toBe('withdrawn');
    expect(res.body.request.history[1]).toMatchObject({ status: 'withdrawn', by: 'requester' });
    expect((await move(r.id, 'accepted')).status).toBe(409);
    expect((await withdraw('srnothere', user.token)).status).toBe(404);
  });

  it('two staff acting at once: one move wins, the other is 409; withdraw racing accept: one wins', async () => {
    const user = await app.login('svc_race');
    for (let round = 0; round < 5; round++) {
      const r = (await submit(user.token)).body.request;
      const [x, y] = await Promise.all([
        move(r.id, 'accepted', staff.token),
        move(r.id, 'declined', staff2.token),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const mine = (await app.request('GET', '/v1/me/service-requests?limit=1', { token: user.token })).body
        .items[0];
      expect(mine.history).toHaveLength(2);
      const r2 = (await submit(user.token)).body.request;
      const [w, a] = await Promise.all([withdraw(r2.id, user.token), move(r2.id, 'accepted')]);
      expect([w.status, a.status].sort()).toEqual([200, 409]);
    }
  });

  it('is created once per Idempotency-Key, even when the first request died after writing it', async () => {
    const user = await app.login('svc_idem');
    const other = await app.login('svc_idem_other');
    const key = 'svc-key-1';
    const body = { itemId: 'biz-legal', description: '合同审查咨询' };
    const send = (token: string) =>
      app.request('POST', '/v1/service-requests', { token, body, headers: { 'Idempotency-Key': key } });
    armFailpoint('services.request.afterCreated');
    await expect(send(user.token)).rejects.toThrow(/injected crash/);
    await leaseRunsOut(user.userId, key);
    const retry = await send(user.token);
    expect(retry.status).toBe(201);
    const again = await send(user.token);
    expect(again.body.request.id).toBe(retry.body.request.id);
    // The same key from another user is another request.
    const theirs = await send(other.token);
    expect(theirs.body.request.id).not.toBe(retry.body.request.id);
    const mine = await app.request('GET', '/v1/me/service-requests', { token: user.token });
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([retry.body.request.id]);
  });

  it('refuses an unknown item and bad input with 422 fields', async () => {
    const user = await app.login('svc_bad');
    const unknown = await app.request('POST', '/v1/service-requests', {
      token: user.token,
      body: { itemId: 'no-such-item', description: '你好你好' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.itemId).toBeDefined();
    const empty = await app.request('POST', '/v1/service-requests', {
      token: user.token,
      body: { itemId: 'policy-tax', description: ' ' },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.description).toBeDefined();
    expect(
      (await app.request('GET', '/v1/me/service-requests', { token: user.token })).body.items,
    ).toHaveLength(0);
  });
});

describe('the menu read', () => {
  /** The GetItem inputs on the menu's key while `fn` runs, seen by a middleware on the handlers' store client. */
  async function menuReadsDuring(fn: () => Promise<unknown>): Promise<{ ConsistentRead?: boolean }[]> {
    const reads: { ConsistentRead?: boolean }[] = [];
    const name = 'menuReads';
    db().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { pk?: unknown; sk?: unknown }; ConsistentRead?: boolean };
        if (
          context.commandName?.startsWith('Get') &&
          input.Key?.pk === MENU_KEY.pk &&
          input.Key?.sk === MENU_KEY.sk
        )
          reads.push({ ConsistentRead: input.ConsistentRead });
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      await fn();
    } finally {
      db().middlewareStack.remove(name);
    }
    return reads;
  }

  it("that decides whether a request's item exists is consistent; showing the menu reads it eventually", async () => {
    const user = await app.login('svc_menu_read');
    const decided = await menuReadsDuring(async () => expect((await submit(user.token)).status).toBe(201));
    expect(decided).toEqual([{ ConsistentRead: true }]);
    const unknown = await menuReadsDuring(async () =>
      expect((await submit(user.token, 'no-such-item')).status).toBe(422),
    );
    expect(unknown).toEqual([{ ConsistentRead: true }]);
    const shown = await menuReadsDuring(async () =>
      expect((await app.request('GET', '/v1/services')).status).toBe(200),
    );
    expect(shown).toEqual([{ ConsistentRead: undefined }]);
  });
});

describe('the staff queue', () => {
  it('lists oldest first, filtered by status and category; staff only', async () => {
    const user = await app.login('svc_queue');
    const party = (await submit(user.token, 'party-transfer')).body.request;
    const welfare = (await submit(user.token, 'welfare-care')).body.request;
    const party2 = (await submit(user.token, 'party-lesson')).body.request;
    await move(party2.id, 'accepted');
    await app.indexesSettled();
    expect((await app.request('GET', '/v1/admin/service-requests', { token: user.token })).status).toBe(403);
    const ids = async (qs: string) => {
      const res = await app.request('GET', `/v1/admin/service-requests${qs}`, { token: staff.token });
      expect(res.status).toBe(200);
      return res.body.items.map((r: { id: string }) => r.id);
    };
    const submittedParty = await ids('?status=submitted&categoryId=party');
    expect(submittedParty).toContain(party.id);
    expect(submittedParty).not.toContain(party2.id);
    expect(submittedParty).not.toContain(welfare.id);
    expect(await ids('?status=accepted&categoryId=party')).toEqual([party2.id]);
    const all = await ids('?categoryId=party&limit=100');
    expect(all.indexOf(party.id)).toBeLessThan(all.indexOf(party2.id));
    const everyStatus = await ids('?limit=100');
    expect(everyStatus).toEqual(expect.arrayContaining([party.id, welfare.id, party2.id]));
    const page1 = await app.request('GET', '/v1/admin/service-requests?status=submitted&limit=1', {
      token: staff.token,
    });
    const cross = await app.request(
      'GET',
      `/v1/admin/service-requests?status=accepted&limit=1&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { token: staff.token },
    );
    expect(cross.status).toBe(422);
  });
});
