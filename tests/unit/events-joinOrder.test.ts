// The order in which a sign-up tries the ledger's writes (functions/events/joinOrder.ts): a hint only, learnt from
// what the writes answered. That a wrong hint never puts anyone on the waiting list is in events-ledger.test.ts.
import { joinOrder } from '../../functions/events/joinOrder';

let n = 0;
const freshEvent = () => `joinorder-${++n}`;

describe('joinOrder', () => {
  it('tries the seats first for an event it knows nothing of', () => {
    expect(joinOrder.plans(freshEvent())).toEqual(['confirm', 'waitlist']);
  });

  it('tries the waiting list first once a place on it was given, or refused as a repeat', () => {
    const given = freshEvent();
    joinOrder.saw(given, 'waitlist', 'waitlisted');
    expect(joinOrder.plans(given)).toEqual(['waitlist', 'confirm']);
    const repeat = freshEvent();
    joinOrder.saw(repeat, 'waitlist', 'duplicate');
    expect(joinOrder.plans(repeat)).toEqual(['waitlist', 'confirm']);
  });

  it('a refused seat write changes nothing: the waiting list is tried next and says more', () => {
    const waiting = freshEvent();
    joinOrder.saw(waiting, 'waitlist', 'waitlisted');
    joinOrder.saw(waiting, 'confirm', 'refused');
    expect(joinOrder.plans(waiting)).toEqual(['waitlist', 'confirm']);
    const unknown = freshEvent();
    joinOrder.saw(unknown, 'confirm', 'refused');
    expect(joinOrder.plans(unknown)).toEqual(['confirm', 'waitlist']);
  });

  it('goes back to the seats first when seats were taken or the waiting list refused someone', () => {
    for (const [plan, outcome] of [
      ['confirm', 'confirmed'],
      ['confirm', 'duplicate'],
      ['waitlist', 'refused'],
    ] as const) {
      const event = freshEvent();
      joinOrder.saw(event, 'waitlist', 'waitlisted');
      joinOrder.saw(event, plan, outcome);
      expect(joinOrder.plans(event)).toEqual(['confirm', 'waitlist']);
    }
  });

  it('stays bounded: past 1,000 events it forgets and starts again', () => {
    const first = freshEvent();
    joinOrder.saw(first, 'waitlist', 'waitlisted');
    for (let i = 0; i < 1000; i++) joinOrder.saw(freshEvent(), 'waitlist', 'waitlisted');
    expect(joinOrder.plans(first)).toEqual(['confirm', 'waitlist']);
    const last = freshEvent();
    joinOrder.saw(last, 'waitlist', 'waitlisted');
    expect(joinOrder.plans(last)).toEqual(['waitlist', 'confirm']);
  });
});
