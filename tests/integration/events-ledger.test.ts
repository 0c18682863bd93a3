// The seat ledger (issue 9 defect 5, issue 16 "The rush" and "Reads that grow"): a small item of its own, apart
// from the event's text; a sign-up costs few store operations, counted on the store client (events.probe.ts); and
// what a page reads does not grow with the waiting list.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import { CONSENT, createEvent, eventCalls } from './events.support';
import {
  counted,
  expectSeatsExact,
  installStoreProbe,
  partitionItem,
  seatFigures,
  type StoreOp,
} from './events.probe';

jest.setTimeout(120_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  installStoreProbe();
  staff = await app.userWithRoles('ledger_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const { signUp } = eventCalls(() => app);
const loginMany = (prefix: string, k: number) =>
  Promise.all(Array.from({ length: k }, (_, i) => app.login(`${prefix}_${n}_${i}`)));
/** The caller's authentication: one read of the user item on every request, whatever the route. */
const isAuthRead = (op: StoreOp) => op.command === 'GetItemCommand' && op.pk.startsWith('USER#');
// The staff dashboard's figures (STATS# items) are counted from the table's stream (functions/events/signupFigures.ts),
// never on the sign-up's path.
const isDashboardFigure = (op: StoreOp) => op.pk.startsWith('STATS#');
const itemsRead = (ops: StoreOp[]) => ops.reduce((sum, o) => sum + o.read, 0);
const eventItem = (eventId: string) => partitionItem(eventId, 'META');

describe('defect 5: the seat ledger is small and apart from the event’s text', () => {
  it('a confirmed sign-up costs at most 4 store operations, the authentication read included, and writes no figure', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 5, description: '党课'.repeat(1000) });
    const [user] = await loginMany('ops', 1);
    // With the call-out name (1.3): it rides on the signup's own write, no operation of its own.
    const { result, ops } = await counted(() => signUp(event.id, user.token, { contactName: '王小红' }));
    expect(result.body.signup).toMatchObject({ status: 'confirmed', contactName: '王小红' });
    const own = ops.filter((o) => !isAuthRead(o) && !isDashboardFigure(o));
    expect(ops.filter(isAuthRead)).toHaveLength(1);
    expect(ops.filter(isDashboardFigure)).toEqual([]);
    expect(ops.length).toBeLessThanOrEqual(4);
    // None of them reads or writes the event's text.
    expect(own.filter((o) => o.sk === 'META')).toEqual([]);
  });

  it('in a full event with people waiting, a sign-up goes straight to the waiting list: one ledger write, none refused', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const [first, second, third] = await loginMany('waitfirst', 3);
    await signUp(event.id, first.token);
    // The first to find the seats gone tries the seats, is refused, and takes a place on the waiting list.
    const found = await counted(() => signUp(event.id, second.token));
    expect(found.result.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(found.ops.filter((o) => o.command === 'UpdateItemCommand' && o.sk === 'LEDGER')).toHaveLength(2);
    // Those after it try the waiting list first: the authentication read, the place, the signup, its entry, and the
    // read that promotes at once if seats were freed meanwhile.
    const { result, ops } = await counted(() => signUp(event.id, third.token));
    expect(result.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(ops.filter((o) => o.command === 'UpdateItemCommand' && o.sk === 'LEDGER')).toHaveLength(1);
    expect(ops.filter((o) => !isDashboardFigure(o))).toHaveLength(5);
    await expectSeatsExact(event.id);
  });

  it('trying the waiting list first never puts anyone on it while a seat is free and nobody waits', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const [a, b, c, d, e] = await loginMany('hint', 5);
    await signUp(event.id, a.token);
    await signUp(event.id, b.token);
    expect((await signUp(event.id, c.token)).body.signup.status).toBe('waitlisted');
    // Nobody waits any more, and a seat is free: the next sign-up is confirmed, whatever was tried first.
    expect(
      (await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: c.token })).status,
    ).toBe(200);
    expect(
      (await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: a.token })).status,
    ).toBe(200);
    const { result, ops } = await counted(() => signUp(event.id, d.token));
    expect(result.body.signup.status).toBe('confirmed');
    // It tried the waiting list first (refused by the ledger's own condition), then took the seat. The count alone
    // would not tell: a place wrongly given and promoted at once also costs 3 ledger writes, but writes an entry.
    expect(ops.filter((o) => o.command === 'UpdateItemCommand' && o.sk === 'LEDGER')).toHaveLength(3);
    expect(ops.filter((o) => o.sk.startsWith('WAIT#'))).toEqual([]);
    // Full again, nobody waiting: the next tries the seats first again (refused), and waits.
    const next = await counted(() => signUp(event.id, e.token));
    expect(next.result.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(next.ops.filter((o) => o.command === 'UpdateItemCommand' && o.sk === 'LEDGER')).toHaveLength(2);
    await expectSeatsExact(event.id);
  });

  it('a sign-up refused for a closed event costs at most 3 operations of its own and writes nothing', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 5 });
    await app.request('POST', `/v1/events/${event.id}/close`, { token: staff.token });
    const before = await seatFigures(event.id);
    const [user] = await loginMany('closed', 1);
    const { result, ops } = await counted(() => signUp(event.id, user.token));
    expect(result.body.error.code).toBe('SIGNUP_CLOSED');
    expect(ops.filter((o) => !isAuthRead(o)).length).toBeLessThanOrEqual(3);
    expect((await seatFigures(event.id)).seatItem).toEqual(before.seatItem);
  });

  it('the ledger stays under 4 KB with 100 sign-ups in flight, and holds none of the text', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 200, description: '党课'.repeat(1000) });
    const users = await loginMany('flight', 100);
    // Each sign-up stops right after taking its seat, as if its process died: 100 intents stay in flight.
    armFailpoint('events.join.afterSeatsTaken', 100);
    const outcomes = await Promise.allSettled(users.map((u) => signUp(event.id, u.token)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(100);
    const { seatItem, intents, seatsTaken } = await seatFigures(event.id);
    expect(intents).toBe(100);
    expect(seatsTaken).toBe(100);
    expect(JSON.stringify(seatItem).length).toBeLessThan(4096);
    expect(JSON.stringify(seatItem)).not.toContain('党课');
  });

  it('an edit of the text leaves the ledger alone, and seat changes leave the text alone', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const [a, b, c] = await loginMany('apart', 3);
    const ledgerBefore = (await seatFigures(event.id)).seatItem;
    const patched = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { title: '新标题', description: '新的介绍' },
    });
    expect(patched.status).toBe(200);
    expect((await seatFigures(event.id)).seatItem).toEqual(ledgerBefore);

    const textBefore = await eventItem(event.id);
    await signUp(event.id, a.token);
    await signUp(event.id, b.token);
    await signUp(event.id, c.token);
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: a.token });
    const raised = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { capacity: 3 },
    });
    expect(raised.body.event).toMatchObject({ capacity: 3, seatsTaken: 2, title: '新标题' });
    expect(await eventItem(event.id)).toEqual(textBefore);
    await expectSeatsExact(event.id);
  });
});

describe('reads that do not grow with the waiting list', () => {
  /** An event where `ahead` households wait, and then the caller. */
  async function waitingBehind(ahead: number) {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const others = await loginMany(`ahead${ahead}`, ahead + 1);
    for (const u of others) await signUp(event.id, u.token);
    const [me] = await loginMany(`me${ahead}`, 1);
    expect((await signUp(event.id, me.token)).body.signup.waitlistPosition).toBe(ahead + 1);
    return { event, me };
  }

  it('the event page of a waiting household reads as much with 40 ahead as with 2', async () => {
    const short = await waitingBehind(2);
    const long = await waitingBehind(40);
    const read = async ({ event, me }: typeof short) => {
      const { result, ops } = await counted(() =>
        app.request('GET', `/v1/events/${event.id}`, { token: me.token }),
      );
      return { position: result.body.mySignup.waitlistPosition, items: itemsRead(ops), ops: ops.length };
    };
    const [a, b] = [await read(short), await read(long)];
    expect([a.position, b.position]).toEqual([3, 41]);
    expect(b.items).toBe(a.items);
    expect(b.ops).toBe(a.ops);
  });

  it('my signups costs the same whether one or four of the page are waiting', async () => {
    n++;
    const [me] = await loginMany('mine', 1);
    const mine = async () =>
      (await counted(() => app.request('GET', '/v1/me/signups', { token: me.token }))).ops;
    const holder = await loginMany('mine_holder', 1);
    const events = [];
    for (let i = 0; i < 4; i++) {
      const event = await createEvent(app, staff.token, { capacity: 1 });
      await signUp(event.id, holder[0].token);
      events.push(event);
    }
    await signUp(events[0].id, me.token);
    const one = await mine();
    for (const event of events.slice(1)) await signUp(event.id, me.token);
    const four = await mine();
    expect(four.length).toBe(one.length);
    expect(four.filter((o) => o.command === 'QueryCommand')).toHaveLength(1);
  });

  it('a promotion looks at a bounded number of waiting households, however many wait', async () => {
    n++;
    const event = await createEvent(app, staff.token, {
      kind: 'youth_education',
      capacity: 2,
      minAge: 3,
      maxAge: 15,
      maxParticipantsPerSignup: 2,
    });
    const kids = (k: number) => ({
      participants: Array.from({ length: k }, (_, i) => ({ name: `孩子${i}`, age: 8 })),
      guardianPhone: '13800000000',
      ...CONSENT,
    });
    const [leaver, stayer] = await loginMany('walk_holder', 2);
    await signUp(event.id, leaver.token, kids(1));
    await signUp(event.id, stayer.token, kids(1));
    // 70 households of two wait; one seat will be free, so none of them fits.
    for (const u of await loginMany('walk_big', 70)) await signUp(event.id, u.token, kids(2));
    const { ops } = await counted(() =>
      app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: leaver.token }),
    );
    const walked = itemsRead(ops.filter((o) => o.command === 'QueryCommand'));
    expect(walked).toBeGreaterThan(0);
    expect(walked).toBeLessThanOrEqual(50);
    const after = await expectSeatsExact(event.id);
    expect(after.waitlisted).toHaveLength(70);
  });
});
