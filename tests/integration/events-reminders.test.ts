// Reminders: the outbox is written on confirmation and promotion (only with consent), sent when due through a
// WechatMessenger; the real WeChat implementation is exercised against a local HTTP stand-in of WeChat's endpoints.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoggingMessenger, MessageRefusedError } from '../../functions/lib/notify/messenger';
import { sendDueReminders as sendDueRemindersHere } from '../../functions/events/reminders/reminderService';
import { asDeployed } from '../support/iamGuard';
import { districtDateTime } from '../../functions/lib/notify/fields';
import { createWechatMessenger } from '../../functions/lib/notify/wechatMessenger';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent, inDays } from './events.support';

let app: TestApp;
// Every run as the deployed sendEventReminders function may: its role's grants enforced on the store client.
const sendDueReminders = (...args: Parameters<typeof sendDueRemindersHere>) =>
  asDeployed('sendEventReminders', () => sendDueRemindersHere(...args));
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('remind_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

/** A stand-in for api.weixin.qq.com: stable_token and subscribeMessage.send, with scripted answers. */
async function wechatStandIn(sendReplies: { errcode: number; errmsg?: string }[]) {
  const calls: { path: string; query: URLSearchParams; body: Record<string, unknown> }[] = [];
  let tokens = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ path: url.pathname, query: url.searchParams, body });
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/stable_token') {
        if (body.appid !== 'wx-app' || body.secret !== 'wx-secret')
          return res.end(JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
        tokens++;
        return res.end(JSON.stringify({ access_token: `TOKEN${tokens}`, expires_in: 7200 }));
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        return res.end(JSON.stringify(sendReplies.shift() ?? { errcode: 0, errmsg: 'ok' }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const message = {
  touser: 'openid-1',
  templateId: 'TPL',
  page: 'packages/events/pages/detail/index?id=1',
  data: { thing1: { value: '党课' } },
};

describe('the real WeChat messenger', () => {
  it('gets a stable token once, caches it, and sends subscribe messages', async () => {
    const wx = await wechatStandIn([]);
    const messenger = createWechatMessenger({ appId: 'wx-app', appSecret: 'wx-secret', apiBase: wx.base });
    await messenger.send(message);
    await messenger.send(message);
    expect(wx.calls.map((c) => c.path)).toEqual([
      '/cgi-bin/stable_token',
      '/cgi-bin/message/subscribe/send',
      '/cgi-bin/message/subscribe/send',
    ]);
    expect(wx.calls[0].body).toMatchObject({
      grant_type: 'client_credential',
      appid: 'wx-app',
      secret: 'wx-secret',
    });
    expect(wx.calls[1].query.get('access_token')).toBe('TOKEN1');
    expect(wx.calls[1].body).toMatchObject({
      touser: 'openid-1',
      template_id: 'TPL',
      data: { thing1: { value: '党课' } },
    });
    await wx.close();
  });

  it('refreshes an expired token once and retries; a refusal (43101) is permanent', async () => {
    const wx = await wechatStandIn([
      { errcode: 42001, errmsg: 'access_token expired' },
      { errcode: 0 },
      { errcode: 43101, errmsg: 'user refuse to accept the msg' },
    ]);
    const messenger = createWechatMessenger({ appId: 'wx-app', appSecret: 'wx-secret', apiBase: wx.base });
    await messenger.send(message);
    const tokenCalls = wx.calls.filter((c) => c.path === '/cgi-bin/stable_token');
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[1].body.force_refresh).toBe(true);
    expect(wx.calls.at(-1)!.query.get('access_token')).toBe('TOKEN2');
    await expect(messenger.send(message)).rejects.toBeInstanceOf(MessageRefusedError);
    await wx.close();
  });
});

describe('the outbox', () => {
  it('queues a message only with consent; sends it when due; skips it if the signup was cancelled', async () => {
    const event = await createEvent(app, staff.token, {
      capacity: 1,
      startsAt: inDays(0, 5),
      endsAt: inDays(0, 8),
    });
    const quiet = await app.login('remind_quiet');
    const eager = await app.login('remind_eager');
    const waiter = await app.login('remind_waiter');
    await app.request('POST', `/v1/events/${event.id}/signups`, { token: quiet.token, body: {} });
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: eager.token,
      body: { subscribe: true },
    });
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: waiter.token,
      body: { subscribe: true },
    });
    const messenger = createLoggingMessenger();
    // Nothing yet: the quiet one did not consent, the other two are waiting.
    expect(await sendDueReminders(messenger)).toEqual({ sent: 0, skipped: 0, failed: 0, retried: 0 });
    // The quiet holder leaves: the eager one is promoted, which is news now.
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: quiet.token });
    const report = await sendDueReminders(messenger);
    expect(report.sent).toBe(1);
    expect(messenger.sent[0].touser).toBe('remind_eager');
    expect(messenger.sent[0].data.thing1.value).toBe('刘公岛行走的党课');
    expect(messenger.sent[0].data.thing4.value).toMatch(/候补成功/);
    expect(messenger.sent[0].page).toContain(event.id);
    // Sent once: a second run sends nothing.
    expect((await sendDueReminders(messenger)).sent).toBe(0);
  });

  it('a confirmation becomes a reminder the day before; cancelled by then → skipped', async () => {
    const event = await createEvent(app, staff.token, {
      capacity: 5,
      startsAt: inDays(3),
      endsAt: inDays(3, 2),
    });
    const a = await app.login('remind_a');
    const b = await app.login('remind_b');
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: a.token,
      body: { subscribe: true },
    });
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: b.token,
      body: { subscribe: true },
    });
    const messenger = createLoggingMessenger();
    expect((await sendDueReminders(messenger)).sent).toBe(0);
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: b.token });
    const dayBefore = Date.now() + 2 * 86400000 + 3600000;
    expect(await sendDueReminders(messenger, { now: dayBefore })).toEqual({
      sent: 1,
      skipped: 1,
      failed: 0,
      retried: 0,
    });
    expect(messenger.sent.map((m) => m.touser)).toEqual(['remind_a']);
  });

  it('retries transient failures later and gives up on refusals', async () => {
    const event = await createEvent(app, staff.token, {
      capacity: 5,
      startsAt: inDays(0, 3),
      endsAt: inDays(0, 5),
    });
    const user = await app.login('remind_flaky');
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: user.token,
      body: { subscribe: true },
    });
    let calls = 0;
    const flaky = {
      async send() {
        calls++;
        if (calls === 1) throw new Error('network down');
        throw new MessageRefusedError(43101, 'user refuse to accept the msg');
      },
    };
    expect((await sendDueReminders(flaky)).retried).toBe(1);
    expect((await sendDueReminders(flaky)).retried).toBe(0); // not due again yet
    expect((await sendDueReminders(flaky, { now: Date.now() + 10 * 60 * 1000 })).failed).toBe(1);
    expect((await sendDueReminders(flaky, { now: Date.now() + 60 * 60 * 1000 })).failed).toBe(0);
    expect(calls).toBe(2);
  });
});

describe('the event as it is when the reminder is due', () => {
  const DAY = 86400000;
  const HOUR = 3600000;
  const nothing = { sent: 0, skipped: 0, failed: 0, retried: 0 };

  /** An event in 3 days, one user signed up with consent (their reminder due the day before). */
  async function signedUp(name: string) {
    const event = await createEvent(app, staff.token, {
      capacity: 5,
      startsAt: inDays(3),
      endsAt: inDays(3, 2),
    });
    const user = await app.login(name);
    const res = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: user.token,
      body: { subscribe: true },
    });
    expect(res.body.signup.status).toBe('confirmed');
    const patch = (body: unknown) =>
      app.request('PATCH', `/v1/events/${event.id}`, { token: staff.token, body });
    return { event, patch };
  }

  it('a cancelled event: no reminder, however the cancel was made', async () => {
    const messenger = createLoggingMessenger();
    const byRoute = await signedUp('remind_called_off');
    const byPatch = await signedUp('remind_patched_off');
    const cancel = await app.request('POST', `/v1/events/${byRoute.event.id}/cancel`, { token: staff.token });
    expect(cancel.status).toBe(200);
    expect((await byPatch.patch({ status: 'cancelled' })).body.event.status).toBe('cancelled');
    expect(await sendDueReminders(messenger, { now: Date.now() + 2 * DAY + HOUR })).toEqual({
      ...nothing,
      skipped: 2,
    });
    expect(messenger.sent).toEqual([]);
  });

  it('an event moved later: the reminder is queued again and sent the day before the new start', async () => {
    const messenger = createLoggingMessenger();
    const { patch } = await signedUp('remind_moved_later');
    const startsAt = inDays(5);
    expect((await patch({ startsAt, endsAt: inDays(5, 2) })).status).toBe(200);
    const at = (ms: number) => sendDueReminders(messenger, { now: Date.now() + ms });
    expect(await at(2 * DAY + HOUR)).toEqual({ ...nothing, skipped: 1 }); // found early: queued again
    expect(await at(2 * DAY + 2 * HOUR)).toEqual(nothing); // once
    expect(await at(4 * DAY - HOUR)).toEqual(nothing);
    expect(await at(4 * DAY + HOUR)).toEqual({ ...nothing, sent: 1 });
    expect(messenger.sent.map((m) => [m.touser, m.data.time2.value, m.data.thing4.value])).toEqual([
      ['remind_moved_later', districtDateTime(startsAt), '报名成功，请按时参加'],
    ]);
    expect(await at(4 * DAY + 2 * HOUR)).toEqual(nothing);
  });

  it('an event that has started by the time its reminder is due: not sent', async () => {
    const messenger = createLoggingMessenger();
    const { patch } = await signedUp('remind_moved_earlier');
    expect((await patch({ startsAt: inDays(1), endsAt: inDays(1, 2) })).status).toBe(200);
    expect(await sendDueReminders(messenger, { now: Date.now() + 2 * DAY + HOUR })).toEqual({
      ...nothing,
      skipped: 1,
    });
    expect(messenger.sent).toEqual([]);
  });
});
