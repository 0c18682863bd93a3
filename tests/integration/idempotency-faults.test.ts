// Issue 17: store faults on the Idempotency-Key records themselves (lib/idempotency.ts). A write of the key's record
// that the store applied but whose reply was lost, or that failed outright, must not hold the user's retry at 409
// REQUEST_IN_PROGRESS for the whole lease: the claim is re-read by its run id, the writes after the work are tried
// again, and a key still left in progress answers 409 with Retry-After (the mini-program retries it with the key).
import { db } from '../../functions/lib/db';
import { UnavailableError } from '../../functions/lib/errors';
import { armFailpointError, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import { checkIn, createSpace, doorToken } from './spaces.support';

let app: TestApp;
let admin: string;
let staff: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.login('admin')).token;
  staff = (await app.userWithRoles('idem_faults_staff', ['staff'])).token;
});
afterEach(() => {
  disarmAllFailpoints();
  db().middlewareStack.remove('keyRecordFault');
});
afterAll(async () => {
  await app?.close();
});

type Input = Record<string, unknown>;
const onKeyRecord = (input: Input) => JSON.stringify(input).includes('IDEMPOTENCY#');
const isClaim = (input: Input) => onKeyRecord(input) && 'Item' in input;
const isAllowRetry = (input: Input) =>
  onKeyRecord(input) && input.UpdateExpression === 'SET #status = :retry';

/**
 * The next `times` store calls that `match` fail: `after` applies them first (the reply is lost), `before` not;
 * `resent` applies them and answers as the client's resent copy is answered (a conditional write: refused).
 */
function failKeyRecordWrite(
  match: (input: Input) => boolean,
  how: 'before' | 'after' | 'resent',
  times = 1,
): void {
  let left = times;
  db().middlewareStack.add(
    (next) => async (args) => {
      if (left <= 0 || !match(args.input as Input)) return next(args);
      left--;
      if (how === 'resent') return next(args).then(() => next(args));
      if (how === 'after') await next(args);
      throw Object.assign(new Error('injected: socket timed out'), { name: 'TimeoutError' });
    },
    { step: 'initialize', name: 'keyRecordFault', priority: 'high' },
  );
}

async function spaceAndVisitor(name: string) {
  const space = await createSpace(app, admin, { capacity: 3 });
  const door = await doorToken(app, staff, space.id);
  const visitor = await app.login(name);
  return { space, door, visitor };
}

it('a claim of the key applied, its reply lost and its resent copy refused, runs the request (was 409)', async () => {
  const { space, door, visitor } = await spaceAndVisitor('idem_faults_resent');
  const headers = { 'Idempotency-Key': 'idem-faults-resent' };
  failKeyRecordWrite(isClaim, 'resent');
  const first = await app.request('POST', `/v1/spaces/${space.id}/checkins`, {
    token: visitor.token,
    body: { token: door },
    headers,
  });
  expect(first.status).toBe(201);
  const again = await app.request('POST', `/v1/spaces/${space.id}/checkins`, {
    token: visitor.token,
    body: { token: door },
    headers,
  });
  expect([again.status, again.headers['idempotent-replay']]).toEqual([201, 'true']);
  expect(again.body.checkin.id).toBe(first.body.checkin.id);
});

it('a claim of the key applied with its reply lost runs the request (was 503, then 409 for the 30 s lease)', async () => {
  const { space, door, visitor } = await spaceAndVisitor('idem_faults_1');
  const headers = { 'Idempotency-Key': 'idem-faults-claim' };
  failKeyRecordWrite(isClaim, 'after');
  const first = await app.request('POST', `/v1/spaces/${space.id}/checkins`, {
    token: visitor.token,
    body: { token: door },
    headers,
  });
  expect(first.status).toBe(201);
  const again = await app.request('POST', `/v1/spaces/${space.id}/checkins`, {
    token: visitor.token,
    body: { token: door },
    headers,
  });
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replay']).toBe('true');
  expect(again.body.checkin.id).toBe(first.body.checkin.id);
});

it('a lost write that frees the key after a 503 does not answer the retry 409 REQUEST_IN_PROGRESS', async () => {
  const { space, door, visitor } = await spaceAndVisitor('idem_faults_2');
  await checkIn(app, visitor.token, space.id, door);
  const headers = { 'Idempotency-Key': 'idem-faults-retry' };
  armFailpointError('spaces.close.afterOpenDeleted', () => new UnavailableError());
  failKeyRecordWrite(isAllowRetry, 'before');
  const first = await app.request('POST', `/v1/spaces/${space.id}/checkout`, {
    token: visitor.token,
    headers,
  });
  expect(first.status).toBe(503);
  const retry = await app.request('POST', `/v1/spaces/${space.id}/checkout`, {
    token: visitor.token,
    headers,
  });
  expect(retry.status).toBe(200);
  expect(retry.body.checkin.status).toBe('out');
});

it('a key whose every record write failed answers 409 REQUEST_IN_PROGRESS with Retry-After within its lease', async () => {
  const { space, door, visitor } = await spaceAndVisitor('idem_faults_3');
  await checkIn(app, visitor.token, space.id, door);
  const headers = { 'Idempotency-Key': 'idem-faults-stuck' };
  armFailpointError('spaces.close.afterOpenDeleted', () => new UnavailableError());
  failKeyRecordWrite(isAllowRetry, 'before', 10);
  expect(
    (await app.request('POST', `/v1/spaces/${space.id}/checkout`, { token: visitor.token, headers })).status,
  ).toBe(503);
  const retry = await app.request('POST', `/v1/spaces/${space.id}/checkout`, {
    token: visitor.token,
    headers,
  });
  expect(retry.status).toBe(409);
  expect(retry.body.error.code).toBe('REQUEST_IN_PROGRESS');
  expect(Number(retry.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(retry.headers['retry-after'])).toBeLessThanOrEqual(30);
});
