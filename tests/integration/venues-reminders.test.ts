// The reminder the day before an approved booking (district time) through the shared outbox, sent by the venues'
// scheduled job with the fake (logging) messenger behind the WechatMessenger interface; and staff creating a venue
// with an Idempotency-Key: a retry after a crash answers the same venue.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint } from '../../functions/lib/faults';
import { createLoggingMessenger } from '../../functions/lib/notify/messenger';
import { districtInstant } from '../../functions/lib/time';
import { handler as sendReminders } from '../../functions/venues/handlers/sendReminders';
import { venueReminderService } from '../../functions/venues/reminderService';
import { scheduledFunctions } from '../../infra/local/serverlessConfig';
import { at, bookingBody, districtDay, venuesSuite, type VenuesSuite } from './venues.support';

jest.setTimeout(60_000);

const suite = venuesSuite();
/** Today at HH:MM district time, as epoch ms: the job's clock. */
const today = (hhmm: string) => districtInstant(districtDay(0), hhmm).getTime();

let openids = 0;
/** A booker signed in with a fresh openid (the recipient of the messages). */
async function booker(s: VenuesSuite) {
  const openid = `venue_remind_${++openids}`;
  return { openid, ...(await s.app.login(openid)) };
}

async function bookTomorrow(token: string, venueId: string, from: string, to: string, subscribe = true) {
  const res = await suite.app.request('POST', `/v1/venues/${venueId}/bookings`, {
    token,
    body: bookingBody(at(1, from), at(1, to), subscribe ? { subscribe: true } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.booking.id as string;
}

const decide = (id: string, decision: 'approve' | 'decline') =>
  suite.app.request('POST', `/v1/admin/bookings/${id}/decision`, {
    token: suite.staff.token,
    body: decision === 'decline' ? { decision, reason: '当天另有安排' } : { decision },
  });

describe('the reminder the day before', () => {
  it('is sent once for an approved booking of tomorrow, from 09:00 district time, with its details', async () => {
    const venue = await suite.newVenue({ name: '党群服务中心 多功能厅' });
    const user = await booker(suite);
    const id = await bookTomorrow(user.token, venue, '10:00', '11:30');
    expect((await decide(id, 'approve')).status).toBe(200);
    const messenger = createLoggingMessenger();

    // Before 09:00 on the day before, to the millisecond: nothing queued yet.
    await venueReminderService.run(messenger, { now: today('09:00') - 1 });
    expect(messenger.sent.filter((m) => m.touser === user.openid)).toEqual([]);

    await venueReminderService.run(messenger, { now: today('09:00') });
    const mine = messenger.sent.filter((m) => m.touser === user.openid);
    expect(mine).toHaveLength(1);
    expect(mine[0].templateId).toBe('local-venue-reminder');
    expect(mine[0].page).toBe('packages/venues/pages/mine/index');
    expect(mine[0].data.thing1.value).toBe('党群服务中心 多功能厅');
    expect(mine[0].data.time2.value).toBe(`${districtDay(1).replace(/-(\d\d)-/, '年$1月')}日 10:00`);
    expect([mine[0].data.thing3.value, mine[0].data.thing4.value]).toEqual([
      bookingBody('', '').purpose,
      '预约已通过，请按时到场',
    ]);

    // Later runs of the same day find it queued already: nothing more.
    await venueReminderService.run(messenger, { now: today('15:00') });
    await venueReminderService.run(messenger, { now: today('21:00') });
    expect(messenger.sent.filter((m) => m.touser === user.openid)).toHaveLength(1);
  });

  it('is not sent for a declined, cancelled, still pending or unsubscribed booking', async () => {
    const venue = await suite.newVenue();
    const declined = await booker(suite);
    const cancelledEarly = await booker(suite);
    const cancelledLate = await booker(suite);
    const pending = await booker(suite);
    const quiet = await booker(suite);
    const d = await bookTomorrow(declined.token, venue, '08:00', '09:00');
    expect((await decide(d, 'decline')).status).toBe(200);
    const c1 = await bookTomorrow(cancelledEarly.token, venue, '09:00', '10:00');
    await decide(c1, 'approve');
    expect(
      (await suite.app.request('DELETE', `/v1/bookings/${c1}`, { token: cancelledEarly.token })).status,
    ).toBe(200);
    const c2 = await bookTomorrow(cancelledLate.token, venue, '10:00', '11:00');
    await decide(c2, 'approve');
    await bookTomorrow(pending.token, venue, '11:00', '12:00');
    const q = await bookTomorrow(quiet.token, venue, '12:00', '13:00', false);
    await decide(q, 'approve');

    // The late one is queued while approved (the only new one: the others are not approved or not subscribed),
    // then cancelled before the sender gets to it: skipped when due.
    expect(await venueReminderService.queueTomorrow(today('10:00'))).toBe(1);
    expect(
      (await suite.app.request('DELETE', `/v1/bookings/${c2}`, { token: cancelledLate.token })).status,
    ).toBe(200);
    const messenger = createLoggingMessenger();
    const report = await venueReminderService.run(messenger, { now: today('10:00') });
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    const nobody = [declined, cancelledEarly, cancelledLate, pending, quiet].map((u) => u.openid);
    expect(messenger.sent.filter((m) => nobody.includes(m.touser))).toEqual([]);
  });

  it('is not sent once the booking has begun (a sender that ran late)', async () => {
    const venue = await suite.newVenue();
    const user = await booker(suite);
    const id = await bookTomorrow(user.token, venue, '17:00', '18:00');
    expect((await decide(id, 'approve')).status).toBe(200);
    const messenger = createLoggingMessenger();
    // Queued the day before; the sender first gets to it at the booking's very start.
    expect(await venueReminderService.queueTomorrow(today('12:00'))).toBe(1);
    const start = districtInstant(districtDay(1), '17:00').getTime();
    expect(await venueReminderService.run(messenger, { now: start })).toMatchObject({ sent: 0, skipped: 1 });
    expect(messenger.sent.filter((m) => m.touser === user.openid)).toEqual([]);
  });

  it('is not sent to an account that closed after it was queued (its bookings not yet erased)', async () => {
    const venue = await suite.newVenue();
    const user = await booker(suite);
    const id = await bookTomorrow(user.token, venue, '18:00', '19:00');
    expect((await decide(id, 'approve')).status).toBe(200);
    expect(await venueReminderService.queueTomorrow(today('12:00'))).toBe(1);
    // The closing dies right after the account is marked closed: the booking is still approved.
    armFailpoint('account.close.afterClosed');
    await expect(suite.app.request('DELETE', '/v1/me', { token: user.token })).rejects.toThrow(
      'injected crash',
    );
    const messenger = createLoggingMessenger();
    expect(await venueReminderService.run(messenger, { now: today('12:00') })).toMatchObject({
      sent: 0,
      skipped: 1,
    });
    expect(messenger.sent.filter((m) => m.touser === user.openid)).toEqual([]);
  });

  it('is sent once when job runs overlap (conditional queueing and a conditional lease)', async () => {
    const venue = await suite.newVenue();
    const users = await Promise.all([1, 2, 3].map(() => booker(suite)));
    const slots = [
      ['14:00', '15:00'],
      ['15:00', '16:00'],
      ['16:00', '17:00'],
    ];
    for (const [i, user] of users.entries()) {
      const id = await bookTomorrow(user.token, venue, slots[i][0], slots[i][1]);
      expect((await decide(id, 'approve')).status).toBe(200);
    }
    const messenger = createLoggingMessenger();
    await Promise.all(
      Array.from({ length: 6 }, () => venueReminderService.run(messenger, { now: today('12:00') })),
    );
    for (const user of users) expect(messenger.sent.filter((m) => m.touser === user.openid)).toHaveLength(1);
  });
});

describe('the scheduled job', () => {
  it('is declared in serverless.yml every 10 minutes, and its handler runs as a job', async () => {
    expect(scheduledFunctions().find((f) => f.functionName === 'sendVenueReminders')).toMatchObject({
      handler: 'functions/venues/handlers/sendReminders.handler',
      rate: 'rate(10 minutes)',
    });
    // Everything queued so far was sent or skipped by the runs above: a real-time run finds nothing due.
    expect(await sendReminders()).toEqual({ sent: 0, skipped: 0, failed: 0, retried: 0 });
  });
});

describe('creating a venue with an Idempotency-Key', () => {
  /** The Idempotency-Key's lease (30 s) runs out, as it does after a crash: the retry then runs again. */
  async function leaseRunsOut(userId: string, key: string): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' },
        UpdateExpression: 'SET leaseUntil = :past',
        ExpressionAttributeValues: { ':past': 0 },
      }),
    );
  }

  it('a retry after a crash answers the venue the first try created, not a second one', async () => {
    const body = { name: '幸福里学习点', kind: 'learning_site', address: '幸福路 8 号', capacity: 20 };
    const send = () =>
      suite.app.request('POST', '/v1/venues', {
        token: suite.staff.token,
        body,
        headers: { 'Idempotency-Key': 'venue-retry-1' },
      });
    armFailpoint('venues.venue.afterCreated');
    await expect(send()).rejects.toThrow(/injected crash/);
    await leaseRunsOut(suite.staff.userId, 'venue-retry-1');
    const retry = await send();
    expect(retry.status).toBe(201);
    const listed = await suite.app.request('GET', '/v1/venues?kind=learning_site&limit=100');
    const named = listed.body.items.filter((v: { name: string }) => v.name === '幸福里学习点');
    expect(named.map((v: { id: string }) => v.id)).toEqual([retry.body.venue.id]);
    // Another key is another venue.
    const other = await suite.app.request('POST', '/v1/venues', {
      token: suite.staff.token,
      body,
      headers: { 'Idempotency-Key': 'venue-retry-2' },
    });
    expect(other.body.venue.id).not.toBe(retry.body.venue.id);
  });
});
