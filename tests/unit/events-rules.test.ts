// Pure rules of the events feature: seats asked for, event field checks, the sign-up button, CSV cells.
import { signupButtonState, type EventView } from '../../shared/api/events';
import { csvCell, signupsCsv } from '../../functions/events/csvExport';
import { parseSignupId, signupIdOf, type EventRecord, type SignupRecord } from '../../functions/events/model';
import { checkEventFields, seatRequest } from '../../functions/events/rules';
import { ValidationError } from '../../functions/lib/errors';

const event = (over: Partial<EventRecord> = {}): EventRecord => ({
  id: 'E1',
  kind: 'youth_education',
  title: '故事会',
  description: '',
  location: '中心',
  startsAt: '2030-01-01T01:00:00.000Z',
  endsAt: '2030-01-01T03:00:00.000Z',
  minAge: 6,
  maxAge: 12,
  maxParticipantsPerSignup: 3,
  createdBy: 's',
  createdAt: '',
  updatedAt: '',
  ...over,
});

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.extra.fields!;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('seatRequest', () => {
  it('youth: one seat per child, guardian phone from the request or the profile', () => {
    expect(
      seatRequest(
        event(),
        {
          participants: [
            { name: '甲', age: 6 },
            { name: '乙', age: 12 },
          ],
          guardianPhone: '13800001111',
        },
        null,
      ),
    ).toEqual({
      seats: 2,
      participants: [
        { name: '甲', age: 6 },
        { name: '乙', age: 12 },
      ],
      guardianPhone: '13800001111',
    });
    expect(
      seatRequest(event(), { participants: [{ name: '甲', age: 7 }] }, '13900002222').guardianPhone,
    ).toBe('13900002222');
  });

  it('youth: names every wrong field', () => {
    expect(
      fieldsOf(() =>
        seatRequest(
          event(),
          {
            participants: [
              { name: '甲', age: 5 },
              { name: '乙', age: 13 },
            ],
          },
          null,
        ),
      ),
    ).toEqual({
      'participants.0.age': '年龄需在 6–12 岁之间',
      'participants.1.age': '年龄需在 6–12 岁之间',
      guardianPhone: '少儿活动需要监护人手机号',
    });
    expect(
      Object.keys(
        fieldsOf(() =>
          seatRequest(
            event({ maxParticipantsPerSignup: 1 }),
            {
              participants: [
                { name: '甲', age: 7 },
                { name: '乙', age: 7 },
              ],
            },
            '13800001111',
          ),
        ),
      ),
    ).toEqual(['participants']);
  });

  it('other kinds: one seat, no participants', () => {
    expect(seatRequest(event({ kind: 'party_lesson' }), {}, null)).toEqual({
      seats: 1,
      participants: [],
      guardianPhone: null,
    });
    expect(
      Object.keys(
        fieldsOf(() =>
          seatRequest(event({ kind: 'activity' }), { participants: [{ name: '甲', age: 7 }] }, null),
        ),
      ),
    ).toEqual(['participants']);
  });
});

describe('checkEventFields', () => {
  it('accepts a sound event and refuses crossed times, ages and multi-seat non-youth events', () => {
    expect(() =>
      checkEventFields({ ...event(), signupClosesAt: null }, { now: Date.parse('2029-12-01T00:00:00Z') }),
    ).not.toThrow();
    const fields = fieldsOf(() =>
      checkEventFields(
        {
          ...event({ kind: 'activity', endsAt: '2029-12-31T00:00:00.000Z', minAge: 10, maxAge: 8 }),
          signupClosesAt: '2030-02-01T00:00:00.000Z',
          maxParticipantsPerSignup: 2,
        },
        { now: Date.parse('2031-01-01T00:00:00Z') },
      ),
    );
    expect(Object.keys(fields).sort()).toEqual([
      'endsAt',
      'maxAge',
      'maxParticipantsPerSignup',
      'signupClosesAt',
      'startsAt',
    ]);
  });
});

describe('signupButtonState', () => {
  const view = (over: Partial<EventView> = {}): EventView => ({
    id: 'E1',
    kind: 'party_lesson',
    title: '',
    description: '',
    location: '',
    startsAt: '2030-01-01T01:00:00.000Z',
    endsAt: '2030-01-01T03:00:00.000Z',
    capacity: 2,
    seatsTaken: 0,
    seatsLeft: 2,
    waitlistCount: 0,
    waitlist: true,
    status: 'open',
    signupClosesAt: null,
    minAge: null,
    maxAge: null,
    maxParticipantsPerSignup: 1,
    rollCalls: ['depart', 'arrive', 'return'],
    createdAt: '',
    updatedAt: '',
    ...over,
  });
  const now = Date.parse('2029-12-01T00:00:00Z');
  it.each([
    ['signup', view(), null, 1],
    ['waitlist', view({ seatsTaken: 2 }), null, 1],
    ['waitlist', view({ seatsTaken: 1 }), null, 2],
    ['full', view({ seatsTaken: 2, waitlist: false }), null, 1],
    // The waiting list comes first: seats free, but someone waits → the newcomer joins the list.
    ['waitlist', view({ seatsTaken: 1, waitlistCount: 1 }), null, 1],
    ['closed', view({ status: 'closed' }), null, 1],
    ['closed', view({ signupClosesAt: '2029-11-30T00:00:00.000Z' }), null, 1],
    [
      'signed',
      view({ status: 'closed' }),
      { id: 's', eventId: 'E1', status: 'waitlisted' as const, seats: 1, createdAt: '' },
      1,
    ],
    ['signup', view(), { id: 's', eventId: 'E1', status: 'cancelled' as const, seats: 1, createdAt: '' }, 1],
  ])('%s', (expected, ev, mine, seats) => {
    expect(signupButtonState(ev, mine, now, seats)).toBe(expected);
  });
});

describe('CSV export', () => {
  it('quotes, neutralises formulas, masks phones, starts with a BOM', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    const signup: SignupRecord = {
      id: signupIdOf('E1', 'u1'),
      eventId: 'E1',
      userId: 'u1',
      openid: 'o',
      nickname: '王,妈妈',
      status: 'confirmed',
      seats: 1,
      participants: [{ name: '小明', age: 8 }],
      guardianPhone: '13812345678',
      subscribe: false,
      attempt: 'a',
      waitSeq: null,
      attendance: { attend: '2030-01-01T01:05:00.000Z' },
      attendedAt: '2030-01-01T01:05:00.000Z',
      createdAt: '2029-12-01T02:00:00.000Z',
      updatedAt: '',
      promotedAt: null,
      cancelledAt: null,
    };
    const csv = signupsCsv(event({ kind: 'activity' }), [signup]);
    expect(csv.startsWith('\uFEFF序号,报名人,昵称,状态,名额,参与者,监护人电话,报名时间,签到时间\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      '1,"王,妈妈","王,妈妈",已报名,1,小明（8岁）,138****5678,2029-12-01 10:00,2030-01-01 09:05',
    );
  });

  it('signup ids round-trip', () => {
    expect(parseSignupId(signupIdOf('01EVENT', 'uabc'))).toEqual({ eventId: '01EVENT', userId: 'uabc' });
    expect(parseSignupId('nounderscore')).toBeNull();
  });
});
