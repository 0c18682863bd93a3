// The requester's message on each status change of a service request (accepted, done, declined with the note)
// through the shared outbox, sent by the services' scheduled sender with the fake (logging) messenger behind the
// WechatMessenger interface: one per transition, none for a refused one, still one when the transition is retried
// (a lost reply, an Idempotency-Key replay, a crash between the move and its message). And publishing a duty shift
// with an Idempotency-Key: a retry after a crash answers the same shift.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { createLoggingMessenger } from '../../functions/lib/notify/messenger';
import { messengerFromEnv } from '../../functions/lib/notify/messengerFromEnv';
import { handler as sendStatusMessages } from '../../functions/services/handlers/sendStatusMessages';
import { statusMessageService } from '../../functions/services/statusMessageService';
import { scheduledFunctions } from '../../infra/local/serverlessConfig';
import { startTestApp, type TestApp } from '../support/app';
import { districtDay } from './duty.support';
import { leaseRunsOut } from '../support/idempotencyLease';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('svcmsg_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

let users = 0;
/** A requester with a fresh openid and one submitted request. */
async function requester() {
  const openid = `svcmsg_user_${++users}`;
  const user = await app.login(openid);
  const res = await app.request('POST', '/v1/service-requests', {
    token: user.token,
    body: { itemId: 'policy-tax', description: '想咨询研发费用加计扣除' },
  });
  expect(res.status).toBe(201);
  return { openid, ...user, requestId: res.body.request.id as string };
}

const move = (id: string, to: string, note?: string, headers?: Record<string, string>) =>
  app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
    token: staff.token,
    body: { to, ...(note ? { note } : {}) },
    headers,
  });

const messenger = createLoggingMessenger();
/** Runs the sender; the messages the openid has received so far, [status phrase, note]. */
async function received(openid: string): Promise<string[][]> {
  await statusMessageService.run(messenger);
  return messenger.sent
    .filter((m) => m.touser === openid)
    .map((m) => [m.data.phrase2.value, m.data.thing3.value]);
}

describe('status-change messages', () => {
  it('one message for each transition: accepted, then done; declined with its note', async () => {
    const a = await requester();
    expect(await received(a.openid)).toEqual([]); // submitting is the requester's own act
    expect((await move(a.requestId, 'accepted')).status).toBe(200);
    expect(await received(a.openid)).toEqual([['已受理', '您的申请已受理，我们会尽快办理']]);
    expect((await move(a.requestId, 'done', '已为您办理完毕')).status).toBe(200);
    expect(await received(a.openid)).toEqual([
      ['已受理', '您的申请已受理，我们会尽快办理'],
      ['已办结', '已为您办理完毕'],
    ]);
    const message = messenger.sent.find((m) => m.touser === a.openid)!;
    expect(message.templateId).toBe('local-service-status');
    expect(message.page).toBe('packages/services/pages/mine/index');
    expect(message.data.thing1.value).toBeTruthy();

    const b = await requester();
    await move(b.requestId, 'accepted');
    expect((await move(b.requestId, 'declined', '不属于本中心服务范围')).status).toBe(200);
    expect(await received(b.openid)).toEqual([
      ['已受理', '您的申请已受理，我们会尽快办理'],
      ['未受理', '不属于本中心服务范围'],
    ]);
  });

  it('no message for a refused transition or a withdrawal', async () => {
    const a = await requester();
    expect((await move(a.requestId, 'done')).status).toBe(409);
    const withdrawn = await app.request('DELETE', `/v1/service-requests/${a.requestId}`, { token: a.token });
    expect(withdrawn.status).toBe(200);
    expect((await move(a.requestId, 'accepted')).status).toBe(409);
    expect(await received(a.openid)).toEqual([]);
  });

  it('one message per transition when it is retried: a lost reply, a replayed key, a crash in between', async () => {
    // Retried without a key (the first reply was lost): the retry is refused and queues nothing new.
    const a = await requester();
    expect((await move(a.requestId, 'accepted')).status).toBe(200);
    expect((await move(a.requestId, 'accepted')).status).toBe(409);
    expect(await received(a.openid)).toHaveLength(1);

    // Retried with the same Idempotency-Key, twice at once and again: replayed, one message.
    const b = await requester();
    const key = { 'Idempotency-Key': 'svcmsg-accept-b' };
    const tries = await Promise.all([
      move(b.requestId, 'accepted', undefined, key),
      move(b.requestId, 'accepted', undefined, key),
    ]);
    expect(tries.map((t) => t.status)).toContain(200);
    expect((await move(b.requestId, 'accepted', undefined, key)).status).toBe(200);
    expect(await received(b.openid)).toHaveLength(1);

    // The first try dies after the move, before its message: the retry queues the one message.
    const c = await requester();
    armFailpoint('services.request.afterMoved');
    await expect(move(c.requestId, 'accepted', undefined, { 'Idempotency-Key': 'svcmsg-c' })).rejects.toThrow(
      /injected crash/,
    );
    expect(await received(c.openid)).toEqual([]);
    await leaseRunsOut(staff.userId, 'svcmsg-c');
    await move(c.requestId, 'accepted', undefined, { 'Idempotency-Key': 'svcmsg-c' });
    await move(c.requestId, 'accepted');
    expect(await received(c.openid)).toEqual([['已受理', '您的申请已受理，我们会尽快办理']]);
  });
});

describe('the scheduled sender', () => {
  it('is declared in serverless.yml every minute, and its handler sends through the configured messenger', async () => {
    expect(scheduledFunctions().find((f) => f.functionName === 'sendServiceMessages')).toMatchObject({
      handler: 'functions/services/handlers/sendStatusMessages.handler',
      rate: 'rate(1 minute)',
    });
    const a = await requester();
    expect((await move(a.requestId, 'declined', '材料不全，请补充后再申请')).status).toBe(200);
    // MESSENGER is unset in tests: the logging messenger, shared by the process.
    expect(await sendStatusMessages()).toMatchObject({ sent: 1, failed: 0 });
    const logged = (messengerFromEnv() as ReturnType<typeof createLoggingMessenger>).sent;
    expect(logged.filter((m) => m.touser === a.openid).map((m) => m.data.thing3.value)).toEqual([
      '材料不全，请补充后再申请',
    ]);
  });
});

describe('publishing a duty shift with an Idempotency-Key', () => {
  it('a retry after a crash answers the shift the first try created, not a second one', async () => {
    const date = districtDay(9);
    const body = {
      startsAt: `${date}T14:00:00+08:00`,
      endsAt: `${date}T16:00:00+08:00`,
      department: '区人社局',
      steward: '李人社',
      capacity: 4,
    };
    const send = (key: string) =>
      app.request('POST', '/v1/duty', { token: staff.token, body, headers: { 'Idempotency-Key': key } });
    armFailpoint('duty.shift.afterCreated');
    await expect(send('shift-retry-1')).rejects.toThrow(/injected crash/);
    await leaseRunsOut(staff.userId, 'shift-retry-1');
    const retry = await send('shift-retry-1');
    expect(retry.status).toBe(201);
    const range = `from=${encodeURIComponent(`${date}T00:00:00+08:00`)}&to=${encodeURIComponent(`${date}T23:59:00+08:00`)}`;
    const listed = await app.request('GET', `/v1/duty?${range}`);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([retry.body.shift.id]);
    const other = await send('shift-retry-2');
    expect(other.body.shift.id).not.toBe(retry.body.shift.id);
  });
});
