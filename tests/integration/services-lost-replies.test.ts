// A write the store applied but whose reply was lost: the store client sends it again (its retries), and the copy is
// refused by the original. A move of a service request that went through must see that the request is moved by its
// own write and go on — its figures, the requester's notice (消息) and message — not answer 409 INVALID_TRANSITION
// for a move it made. Simulated by a store method that applies the write, then reports the refusal of its copy
// (as tests/integration/events-lost-replies.test.ts).
import { requestStore } from '../../functions/services/requestStore';
import { startTestApp, type TestApp } from '../support/app';
import { inboxOf } from './inbox.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('services_lost_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

async function requester() {
  const user = await app.login(`services_lost_user_${++n}`);
  const res = await app.request('POST', '/v1/service-requests', {
    token: user.token,
    body: { itemId: 'policy-tax', description: '想咨询研发费用加计扣除' },
  });
  expect(res.status).toBe(201);
  return { ...user, requestId: res.body.request.id as string };
}

it('a staff move whose write was applied answers 200, and the requester is told', async () => {
  const a = await requester();
  const lost = loseNextReply(requestStore, 'move');
  const res = await app.request('POST', `/v1/admin/service-requests/${a.requestId}/transition`, {
    token: staff.token,
    body: { to: 'accepted' },
  });
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.request?.status]).toEqual([200, 'accepted']);
  const inbox = await inboxOf(app, a.token);
  expect(inbox.items.map((x) => [x.kind, x.title])).toEqual([['service_request_moved', '服务申请已受理']]);
  // The move is in the history once.
  const stored = await requestStore.get(a.requestId);
  expect(stored!.history.map((h) => h.status)).toEqual(['submitted', 'accepted']);
});

it('a withdrawal whose write was applied answers 200 withdrawn', async () => {
  const a = await requester();
  const lost = loseNextReply(requestStore, 'move');
  const res = await app.request('DELETE', `/v1/service-requests/${a.requestId}`, { token: a.token });
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.request?.status]).toEqual([200, 'withdrawn']);
});
