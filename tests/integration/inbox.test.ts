// 消息: the reads (newest first, cursor paged, only the caller's own), the exact unread count, marking read (forward
// only, idempotent), the writer's crash between its claim and its notice, and the personal data (export, closing).
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { notify, type NewNotice } from '../../functions/lib/inbox';
import { notices } from '../../functions/lib/inboxNotices';
import { inboxStore } from '../../functions/inbox/inboxStore';
import { finishUnfinishedClosings } from '../../functions/users/accountSteps';
import { UNREAD_COUNT_CAP } from '../../shared/api/inbox';
import { startTestApp, type TestApp } from '../support/app';
import { inboxOf, storedInbox } from './inbox.support';

jest.setTimeout(60_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const notice = (userId: string, n: number): NewNotice =>
  notices.eventCancelled({
    userId,
    eventId: `ev${String(n).padStart(3, '0')}`,
    title: `活动 ${n}`,
    waiting: false,
  });

/** `count` notices for the user, each at its own millisecond, oldest first. */
async function filled(userId: string, count: number) {
  for (let i = 1; i <= count; i++) {
    await notify(notice(userId, i));
    await sleep(2);
  }
}

describe('the list', () => {
  it('pages newest first with a cursor, every notice once; each user sees only their own', async () => {
    const me = await app.login('inbox_pager');
    const other = await app.login('inbox_other');
    await filled(me.userId, 25);
    await notify(notice(other.userId, 1));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof inboxOf>> = await inboxOf(
        app,
        me.token,
        `?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((n) => n.body));
      expect(page.unread).toBe(25);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(
      Array.from(
        { length: 25 },
        (_, i) => `您报名的「活动 ${25 - i}」已被主办方取消，给您带来不便，敬请谅解。`,
      ),
    );
    const first = await inboxOf(app, me.token, '?limit=1');
    expect(first.items[0]).toMatchObject({
      id: 'inbox.event_cancelled.ev025.cancelled',
      kind: 'event_cancelled',
      title: '活动已取消',
      link: { to: 'event', id: 'ev025' },
      read: false,
    });
    // Another user's cursor is not this user's list.
    const theirs = await inboxOf(app, other.token);
    expect(theirs.items).toHaveLength(1);
    const mineCursor = (await inboxOf(app, me.token, '?limit=5')).nextCursor!;
    const steered = await app.request('GET', `/v1/me/inbox?cursor=${encodeURIComponent(mineCursor)}`, {
      token: other.token,
    });
    expect(steered.status).toBe(422);
    expect(steered.body.error.fields.cursor).toBeDefined();
  });

  it('asks for a sign-in, and refuses a bad limit in Chinese', async () => {
    expect((await app.request('GET', '/v1/me/inbox')).status).toBe(401);
    const me = await app.login('inbox_limits');
    const res = await app.request('GET', '/v1/me/inbox?limit=500', { token: me.token });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.limit).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('unread and marking read', () => {
  it('counts exactly what is above the marker; marking moves it forward only, and twice is once', async () => {
    const me = await app.login('inbox_reader');
    await filled(me.userId, 12);
    const page = await inboxOf(app, me.token);
    expect(page.unread).toBe(12);
    // Read up to the 5th newest: the 4 newer stay unread.
    const upTo = page.items[4].at;
    const read = async (body: unknown) => app.request('POST', '/v1/me/inbox/read', { token: me.token, body });
    const marked = await read({ upTo });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ readUpTo: upTo, unread: 4 });
    expect((await read({ upTo })).body).toEqual({ readUpTo: upTo, unread: 4 });
    // An older mark (a page left open elsewhere) does not move it back.
    expect((await read({ upTo: page.items[10].at })).body).toEqual({ readUpTo: upTo, unread: 4 });
    const after = await inboxOf(app, me.token);
    expect(after.items.map((n) => n.read)).toEqual([false, false, false, false, ...Array(8).fill(true)]);
    // No body: everything so far is read; a notice written afterwards is unread.
    expect((await read(undefined)).body.unread).toBe(0);
    await sleep(2);
    await notify(notice(me.userId, 99));
    expect((await inboxOf(app, me.token)).unread).toBe(1);
  });

  it('settles concurrent marks on the latest of them', async () => {
    const me = await app.login('inbox_racer');
    await filled(me.userId, 10);
    const ats = (await inboxOf(app, me.token)).items.map((x) => x.at);
    const replies = await Promise.all(
      [...ats]
        .reverse()
        .map((upTo) => app.request('POST', '/v1/me/inbox/read', { token: me.token, body: { upTo } })),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const after = await inboxOf(app, me.token);
    expect(after.unread).toBe(0);
    expect(after.items.every((x) => x.read)).toBe(true);
  });

  it('never marks the future read: upTo is held at now', async () => {
    const me = await app.login('inbox_future');
    const res = await app.request('POST', '/v1/me/inbox/read', {
      token: me.token,
      body: { upTo: '2099-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.readUpTo)).toBeLessThanOrEqual(Date.now());
    await sleep(2);
    await notify(notice(me.userId, 1));
    expect((await inboxOf(app, me.token)).unread).toBe(1);
  });

  it('refuses a bad upTo in Chinese and writes nothing', async () => {
    const me = await app.login('inbox_bad_mark');
    const res = await app.request('POST', '/v1/me/inbox/read', {
      token: me.token,
      body: { upTo: 'yesterday' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.upTo).toMatch(/[\u4e00-\u9fff]/);
    expect((await storedInbox(me.userId)).all).toHaveLength(0);
  });

  it('counts at most the cap (the badge shows 99+ past 99), reading no more than that', async () => {
    const me = await app.login('inbox_many');
    await Promise.all(Array.from({ length: 7 }, (_, i) => notify(notice(me.userId, i))));
    expect(await inboxStore.unreadCount(me.userId, null, 5)).toBe(5);
    expect(await inboxStore.unreadCount(me.userId, null, UNREAD_COUNT_CAP)).toBe(7);
    expect((await inboxOf(app, me.token, '?limit=1')).unread).toBe(7);
  });
});

describe('a writer that dies between its claim and its notice', () => {
  it('leaves no notice; the repeat writes exactly one, at the time first claimed', async () => {
    const me = await app.login('inbox_crash');
    const n = notice(me.userId, 1);
    armFailpoint('inbox.notify.afterClaimed');
    await expect(notify(n)).rejects.toThrow('injected crash at inbox.notify.afterClaimed');
    const during = await storedInbox(me.userId);
    expect([during.claims.length, during.notices.length]).toEqual([1, 0]);
    expect((await inboxOf(app, me.token)).items).toHaveLength(0);
    await sleep(5);
    expect(await notify(n)).toBe(false); // the claim was there already
    await Promise.all([notify(n), notify(n)]);
    const after = await storedInbox(me.userId);
    expect(after.notices).toHaveLength(1);
    expect(after.notices[0].at).toBe(during.claims[0].at);
  });
});

describe('personal data', () => {
  it('the export holds the notices; closing the account erases the whole inbox and nothing new is written', async () => {
    const me = await app.login('inbox_closer');
    await filled(me.userId, 3);
    await app.request('POST', '/v1/me/inbox/read', { token: me.token, body: {} });
    const exported = await app.request('GET', '/v1/me/export', { token: me.token });
    expect(exported.status).toBe(200);
    expect(exported.body.inbox).toHaveLength(3);
    expect(exported.body.inbox[0]).toMatchObject({ kind: 'event_cancelled', read: true });
    expect((await app.request('DELETE', '/v1/me', { token: me.token })).status).toBe(204);
    expect((await storedInbox(me.userId)).all).toHaveLength(0);
    expect(await notify(notice(me.userId, 4))).toBe(false);
    expect((await storedInbox(me.userId)).all).toHaveLength(0);
  });

  it('a closing that dies part-way through the inbox is finished by the job', async () => {
    const me = await app.login('inbox_closer_crash');
    await filled(me.userId, 3);
    armFailpoint('account.inbox.afterItemErased');
    await expect(app.request('DELETE', '/v1/me', { token: me.token })).rejects.toThrow('injected crash');
    expect((await storedInbox(me.userId)).all).toHaveLength(5); // 3 claims + 3 notices, one erased
    await finishUnfinishedClosings({ graceMs: 0 });
    expect((await storedInbox(me.userId)).all).toHaveLength(0);
  });
});
