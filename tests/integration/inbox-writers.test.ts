// 消息: every feature that announces something writes its notice once — after the change is stored, once however
// often the transition is retried or repeated, and once after a crash between the change and the notice (repaired by
// the transition's finisher or retry). Promotion, staff cancelling an event, merchant decisions, wall rejections,
// service request moves and venue booking decisions.
import { reconcileService } from '../../functions/events/reconcileService';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent, eventCalls } from './events.support';
import { inboxOf, storedInbox } from './inbox.support';
import { at } from './venues.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('inbox_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const calls = eventCalls(() => app);
const titles = async (token: string) => (await inboxOf(app, token)).items.map((x) => x.title);

/** A one-seat event that is full (holder) with one household waiting (waiter). */
async function fullWithWaiter() {
  n++;
  const event = await createEvent(app, staff.token, { capacity: 1, title: `候补测试活动 ${n}` });
  const holder = await app.login(`inbox_holder_${n}`);
  const waiter = await app.login(`inbox_waiter_${n}`);
  expect((await calls.signUp(event.id, holder.token)).body.signup.status).toBe('confirmed');
  expect((await calls.signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
  return { event, holder, waiter };
}

describe('候补转正', () => {
  it('the promoted household gets one notice linking the event; nobody else gets one', async () => {
    const { event, holder, waiter } = await fullWithWaiter();
    expect((await inboxOf(app, waiter.token)).items).toHaveLength(0);
    expect((await calls.cancel(event.id, holder.token)).status).toBe(200);
    const inbox = await inboxOf(app, waiter.token);
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'event_promoted',
        title: '候补转正',
        body: `您候补的「候补测试活动 ${n}」已转为正式报名，请按时参加。`,
        link: { to: 'event', id: event.id },
        read: false,
      }),
    ]);
    expect((await inboxOf(app, holder.token)).items).toHaveLength(0);
    // A repeated cancel and a reconciler run change nothing.
    await calls.cancel(event.id, holder.token);
    await reconcileService.settleStaleIntents(event.id, { staleAfterMs: 0 });
    expect((await storedInbox(waiter.userId)).notices).toHaveLength(1);
  });

  it.each(['events.promote.afterReminderQueued', 'inbox.notify.afterClaimed'])(
    'a crash at %s: no notice before the repair, exactly one after two finishers at once',
    async (point) => {
      const { event, holder, waiter } = await fullWithWaiter();
      armFailpoint(point);
      await expect(calls.cancel(event.id, holder.token)).rejects.toThrow(`injected crash at ${point}`);
      expect(await calls.statusOf(event.id, waiter.token)).toBe('confirmed'); // the promotion is stored
      expect((await storedInbox(waiter.userId)).notices).toHaveLength(0);
      await Promise.all([0, 1].map(() => reconcileService.settleStaleIntents(event.id, { staleAfterMs: 0 })));
      expect(await titles(waiter.token)).toEqual(['候补转正']);
      await reconcileService.settleStaleIntents(event.id, { staleAfterMs: 0 });
      expect((await storedInbox(waiter.userId)).notices).toHaveLength(1);
    },
  );
});

describe('活动已取消', () => {
  it('every active signup hears once (confirmed and waiting), a cancelled one does not; a retry adds none', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2, title: `将被取消的活动 ${n}` });
    const users = await Promise.all(['a', 'b', 'c', 'd'].map((s) => app.login(`inbox_cancel_${n}_${s}`)));
    for (const u of users) await calls.signUp(event.id, u.token);
    await calls.cancel(event.id, users[0].token); // c is promoted into a's seat: a has left
    const cancel = () => app.request('POST', `/v1/events/${event.id}/cancel`, { token: staff.token });
    expect((await cancel()).status).toBe(200);
    expect((await cancel()).status).toBe(200);
    expect(await titles(users[0].token)).toEqual([]);
    expect(await titles(users[1].token)).toEqual(['活动已取消']);
    expect(await titles(users[2].token)).toEqual(['活动已取消', '候补转正']);
    const waiting = await inboxOf(app, users[3].token);
    expect(waiting.items.map((x) => x.body)).toEqual([
      `您候补的「将被取消的活动 ${n}」已被主办方取消，给您带来不便，敬请谅解。`,
    ]);
  });

  it('a cancel that dies while telling people is completed by its retry, one notice each', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 5 });
    const users = await Promise.all([1, 2, 3].map((i) => app.login(`inbox_cancel_crash_${n}_${i}`)));
    for (const u of users) await calls.signUp(event.id, u.token);
    armFailpoint('inbox.notify.afterClaimed', 2);
    const cancel = () => app.request('POST', `/v1/events/${event.id}/cancel`, { token: staff.token });
    await expect(cancel()).rejects.toThrow('injected crash at inbox.notify.afterClaimed');
    expect((await app.request('GET', `/v1/events/${event.id}`)).body.event.status).toBe('cancelled');
    disarmAllFailpoints();
    expect((await cancel()).status).toBe(200);
    for (const u of users) expect((await storedInbox(u.userId)).notices).toHaveLength(1);
  });
});

describe('活动已取消 by PATCH status cancelled', () => {
  it('tells every active signup as the cancel route does, and a retry through the cancel route adds none', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1, title: `改为取消的活动 ${n}` });
    const holder = await app.login(`inbox_patch_holder_${n}`);
    const waiter = await app.login(`inbox_patch_waiter_${n}`);
    expect((await calls.signUp(event.id, holder.token)).body.signup.status).toBe('confirmed');
    expect((await calls.signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    const patch = (body: unknown) =>
      app.request('PATCH', `/v1/events/${event.id}`, { token: staff.token, body });
    expect((await patch({ status: 'cancelled' })).body.event.status).toBe('cancelled');
    expect((await inboxOf(app, holder.token)).items).toEqual([
      expect.objectContaining({
        kind: 'event_cancelled',
        title: '活动已取消',
        link: { to: 'event', id: event.id },
        read: false,
      }),
    ]);
    expect((await inboxOf(app, waiter.token)).items.map((x) => x.body)).toEqual([
      `您候补的「改为取消的活动 ${n}」已被主办方取消，给您带来不便，敬请谅解。`,
    ]);
    // Final: another PATCH is refused; the cancel route answers as for any cancelled event and tells nobody twice.
    expect((await patch({ status: 'cancelled' })).body.error.code).toBe('EVENT_CANCELLED');
    expect((await app.request('POST', `/v1/events/${event.id}/cancel`, { token: staff.token })).status).toBe(
      200,
    );
    for (const u of [holder, waiter]) expect((await storedInbox(u.userId)).notices).toHaveLength(1);
  });
});

describe('商户申请', () => {
  const apply = async (openid: string) => {
    const user = await app.login(openid);
    const res = await app.request('POST', '/v1/merchants', {
      token: user.token,
      body: { name: `${openid}小店`, category: '餐饮', address: '环翠楼街道 1 号', contact: '13800000000' },
    });
    expect(res.status).toBe(201);
    return { ...user, merchantId: res.body.merchant.id as string };
  };
  const decide = (id: string, body: unknown) =>
    app.request('POST', `/v1/admin/merchants/${id}/decision`, { token: staff.token, body });

  it('approved: one notice linking the merchant page, also when the decision is repeated after a crash', async () => {
    const user = await apply('inbox_shop_ok');
    armFailpoint('alliance.decision.afterDecided');
    await expect(decide(user.merchantId, { decision: 'approve' })).rejects.toThrow('injected crash');
    expect((await storedInbox(user.userId)).notices).toHaveLength(0);
    expect((await decide(user.merchantId, { decision: 'approve' })).status).toBe(200);
    expect((await decide(user.merchantId, { decision: 'approve' })).status).toBe(200);
    const inbox = await inboxOf(app, user.token);
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'merchant_approved',
        title: '商户申请已通过',
        link: { to: 'merchant' },
      }),
    ]);
  });

  it('rejected: the notice gives the reason', async () => {
    const user = await apply('inbox_shop_no');
    expect((await decide(user.merchantId, { decision: 'reject', reason: '经营地址不在商圈内' })).status).toBe(
      200,
    );
    const [notice] = (await inboxOf(app, user.token)).items;
    expect(notice).toMatchObject({ kind: 'merchant_rejected', title: '商户申请未通过' });
    expect(notice.body).toBe('「inbox_shop_no小店」的入驻申请未通过：经营地址不在商圈内');
  });
});

describe('留言未通过审核', () => {
  it('the author hears the reason in Chinese, once, also after a crash and a repeated reject', async () => {
    const author = await app.login('inbox_author');
    const posted = await app.request('POST', '/v1/messages', {
      token: author.token,
      body: { text: '欢迎回家，商圈的家人们' },
    });
    expect(posted.status).toBe(201);
    const id = posted.body.message.id as string;
    const reject = () =>
      app.request('POST', `/v1/admin/messages/${id}/decision`, {
        token: staff.token,
        body: { decision: 'reject', reason: '与寄语墙主题无关' },
      });
    armFailpoint('wall.decide.afterTransition');
    await expect(reject()).rejects.toThrow('injected crash');
    expect((await storedInbox(author.userId)).notices).toHaveLength(0);
    expect((await reject()).status).toBe(200);
    expect((await reject()).status).toBe(200);
    const inbox = await inboxOf(app, author.token);
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'message_rejected',
        title: '留言未通过审核',
        body: '您在寄语墙的留言未通过审核，原因：与寄语墙主题无关',
        link: { to: 'wall' },
      }),
    ]);
  });
});

describe('服务申请 and 场地预约', () => {
  it('each staff move of a service request is one notice, also when the move is retried', async () => {
    const user = await app.login('inbox_requester');
    const created = await app.request('POST', '/v1/service-requests', {
      token: user.token,
      body: { itemId: 'policy-tax', description: '想咨询研发费用加计扣除' },
    });
    const id = created.body.request.id as string;
    const move = (to: string, note?: string) =>
      app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
        token: staff.token,
        body: { to, ...(note ? { note } : {}) },
      });
    armFailpoint('services.request.afterMoved');
    await expect(move('accepted')).rejects.toThrow('injected crash');
    expect((await move('accepted')).status).toBe(409); // moved already: the retry completes its notice
    expect((await move('done', '已为您办结')).status).toBe(200);
    const inbox = await inboxOf(app, user.token);
    expect(inbox.items.map((x) => x.title)).toEqual(['服务申请已办结', '服务申请已受理']);
    expect(inbox.items[0].body).toMatch(/^您申请的「.+」已办结：已为您办结$/);
    expect(inbox.items[1].link).toEqual({ to: 'service_requests' });
  });

  it('a venue booking approved or declined is one notice each, a repeated decision adds none', async () => {
    const venue = await app.request('POST', '/v1/venues', {
      token: staff.token,
      body: {
        name: '消息测试会议室',
        kind: 'centre_room',
        address: '新威路 17 号',
        capacity: 30,
        opensAt: '08:00',
        closesAt: '20:00',
      },
    });
    const booker = await app.login('inbox_booker');
    const book = async (from: string, to: string) => {
      const res = await app.request('POST', `/v1/venues/${venue.body.venue.id}/bookings`, {
        token: booker.token,
        body: {
          startsAt: at(2, from),
          endsAt: at(2, to),
          purpose: '支部主题党日',
          organisation: '联合党支部',
          attendees: 10,
        },
      });
      expect(res.status).toBe(201);
      return res.body.booking.id as string;
    };
    const decide = (id: string, body: unknown) =>
      app.request('POST', `/v1/admin/bookings/${id}/decision`, { token: staff.token, body });
    const one = await book('09:00', '10:00');
    const two = await book('14:00', '15:00');
    expect((await decide(one, { decision: 'approve' })).status).toBe(200);
    expect((await decide(one, { decision: 'approve' })).status).toBe(200);
    expect((await decide(two, { decision: 'decline', reason: '当天场地检修' })).status).toBe(200);
    const inbox = await inboxOf(app, booker.token);
    expect(inbox.items.map((x) => [x.title, x.body, x.link.to])).toEqual([
      ['场地预约未通过', '您预约的「消息测试会议室」未通过审核：当天场地检修', 'bookings'],
      ['场地预约已通过', '您预约的「消息测试会议室」已通过审核，请按时到场。', 'bookings'],
    ]);
  });
});
