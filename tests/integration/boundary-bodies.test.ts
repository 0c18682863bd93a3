// Issue 17, found by the fuzz suite: bodies that were answered with 500. A JSON body nested ~20,000 levels deep (it
// fits in 64 KiB) overflowed the stack of the lone-surrogate check; a number DynamoDB cannot hold (2.67e-322 as a
// latitude passes a range check) made the store's refusal a 500. Both are the client's bad input, and write nothing.
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(60_000);

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.login('admin')).token;
});
afterAll(async () => {
  await app.close();
});

const venue = (location: { lat: number; lng: number }) => ({
  name: '边界会议室',
  kind: 'centre_room',
  address: '环翠楼街道 1 号',
  location,
  capacity: 10,
  facilities: [],
  opensAt: '08:00',
  closesAt: '20:00',
  bookable: true,
});

it('a body nested 20,000 levels deep is refused as the client error it is, not a 500', async () => {
  const deep = `{"text":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  const res = await app.request('POST', '/v1/messages', {
    token: admin,
    rawBody: deep,
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
});

it('a lone surrogate deep inside a nested body is still found (400)', async () => {
  const deep = `{"text":${'['.repeat(5_000)}"\\ud800"${']'.repeat(5_000)}}`;
  const res = await app.request('POST', '/v1/messages', {
    token: admin,
    rawBody: deep,
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('BAD_REQUEST');
});

it('a number the store cannot hold is a 422 naming its field, and creates nothing', async () => {
  const res = await app.request('POST', '/v1/venues', {
    token: admin,
    body: venue({ lat: 2.67e-322, lng: 120.1 }),
  });
  expect(res.status).toBe(422);
  expect(res.body.error.fields).toHaveProperty(['location.lat']);
  const ok = await app.request('POST', '/v1/venues', {
    token: admin,
    body: venue({ lat: 37.5, lng: 122.1 }),
  });
  expect(ok.status).toBe(201);
  await app.indexesSettled();
  const listed = (await app.request('GET', '/v1/venues')).body.items as { name: string }[];
  expect(listed.filter((v) => v.name === '边界会议室')).toHaveLength(1);
});
