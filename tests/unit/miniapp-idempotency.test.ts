// The mini-program's Idempotency-Key rule (miniapp/src/api/idempotencyKey.ts): one key per user action, reused by
// every retry until a final answer (a 2xx, or a 4xx other than 409 REQUEST_IN_PROGRESS and 429).
import { ActionKeys, isFinalAnswer } from '../../miniapp/src/api/idempotencyKey';

function keys() {
  let n = 0;
  return new ActionKeys(() => `key-${++n}`, 3);
}

describe('isFinalAnswer', () => {
  it.each([
    [200, ''],
    [201, ''],
    [400, 'BAD_REQUEST'],
    [404, 'NOT_FOUND'],
    [409, 'ALREADY_SIGNED_UP'],
    [409, 'SOLD_OUT'],
    [422, 'VALIDATION_FAILED'],
  ])('%i %s settles the action', (status, code) => {
    expect(isFinalAnswer(status, code)).toBe(true);
  });

  it.each([
    [0, 'NETWORK_ERROR'],
    [409, 'REQUEST_IN_PROGRESS'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL_ERROR'],
    [503, 'UNAVAILABLE'],
  ])('%i %s leaves it open for a retry', (status, code) => {
    expect(isFinalAnswer(status, code)).toBe(false);
  });
});

describe('ActionKeys', () => {
  const claim = 'POST /offers/1/claims';

  it('reuses one key across every retry until a final answer, then makes a new one for the next action', () => {
    const actions = keys();
    const first = actions.keyFor(claim);
    actions.settle(claim, first, 0, 'NETWORK_ERROR');
    expect(actions.keyFor(claim)).toBe(first);
    actions.settle(claim, first, 409, 'REQUEST_IN_PROGRESS');
    expect(actions.keyFor(claim)).toBe(first);
    actions.settle(claim, first, 429, 'RATE_LIMITED');
    expect(actions.keyFor(claim)).toBe(first);
    actions.settle(claim, first, 503, 'UNAVAILABLE');
    expect(actions.keyFor(claim)).toBe(first);
    actions.settle(claim, first, 201);
    const next = actions.keyFor(claim);
    expect(next).not.toBe(first);
  });

  it('a refusal (4xx) is final: the next tap is a new action with a new key', () => {
    const actions = keys();
    const first = actions.keyFor(claim);
    actions.settle(claim, first, 409, 'SOLD_OUT');
    expect(actions.keyFor(claim)).not.toBe(first);
  });

  it('another action (another body or path) gets its own key', () => {
    const actions = keys();
    const a = actions.keyFor('POST /messages {"text":"a"}');
    const b = actions.keyFor('POST /messages {"text":"b"}');
    expect(b).not.toBe(a);
    expect(actions.keyFor('POST /messages {"text":"a"}')).toBe(a);
  });

  it('a late answer to an old key does not retire the open key of the action', () => {
    const actions = keys();
    const first = actions.keyFor(claim);
    actions.settle(claim, first, 201);
    const second = actions.keyFor(claim);
    actions.settle(claim, first, 201);
    expect(actions.keyFor(claim)).toBe(second);
  });

  it('forgets the oldest abandoned actions beyond its limit', () => {
    const actions = keys();
    const first = actions.keyFor('a');
    actions.keyFor('b');
    actions.keyFor('c');
    actions.keyFor('d');
    expect(actions.keyFor('a')).not.toBe(first);
  });

  describe('a change that succeeded on the same resource under another path ends the open actions there', () => {
    // As the API client writes an action: path, query, body.
    const action = (path: string, body: unknown = null) => `${path}\n{}\n${JSON.stringify(body)}`;

    it('a check-out whose reply was lost, a new check-in, then 签退 again: a new key', () => {
      const actions = keys();
      const checkout = action('/spaces/s1/checkout');
      const lost = actions.keyFor(checkout);
      actions.settle(checkout, lost, 0, 'NETWORK_ERROR');
      const checkin = action('/spaces/s1/checkins', { token: 't' });
      actions.settle(checkin, actions.keyFor(checkin), 201);
      actions.changed('/spaces/s1/checkins');
      expect(actions.keyFor(checkout)).not.toBe(lost);
    });

    it('a sign-up cancelled (DELETE) and made again: a new key', () => {
      const actions = keys();
      const signUp = action('/events/e1/signups', { subscribe: true });
      const lost = actions.keyFor(signUp);
      actions.changed('/events/e1/signups/me');
      expect(actions.keyFor(signUp)).not.toBe(lost);
    });

    it('a venue booking cancelled (/bookings/B) and made again, a service request withdrawn and asked again: new keys', () => {
      const actions = keys();
      const book = action('/venues/v1/bookings', { startsAt: 'x', endsAt: 'y' });
      const ask = action('/service-requests', { itemId: 'policy' });
      const lost = [book, ask].map((a) => actions.keyFor(a));
      actions.changed('/bookings/b1');
      actions.changed('/service-requests/r1');
      expect(actions.keyFor(book)).not.toBe(lost[0]);
      expect(actions.keyFor(ask)).not.toBe(lost[1]);
    });

    it('keeps open actions under the same path, of other resources, of the caller’s own collections and of staff', () => {
      let n = 0;
      const actions = new ActionKeys(() => `key-${++n}`, 50); // more open actions than keys() keeps
      const codeA = action('/redemptions', { code: 'A' });
      const otherEvent = action('/events/e2/signups', {});
      const message = action('/messages', { text: 'x' });
      const acceptR1 = action('/admin/service-requests/r1/transition', { to: 'accepted' });
      const decideB1 = action('/admin/bookings/b1/decision', { decision: 'approve' });
      const all = [codeA, otherEvent, message, acceptR1, decideB1];
      const open = all.map((a) => actions.keyFor(a));
      actions.changed('/redemptions');
      actions.changed('/events/e1/signups/me');
      actions.changed('/me/avatar');
      actions.changed('/messages/m1/like');
      actions.changed('/admin/service-requests/r2/transition');
      actions.changed('/admin/bookings/b2/decision');
      actions.changed('/events/e2/signups'); // its own path: settled by its answer, not by this
      expect(all.map((a) => actions.keyFor(a))).toEqual(open);
    });
  });
});
