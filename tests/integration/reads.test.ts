// Reads that never grow with the data (issue 16): items read per call of every wall, spaces and events list and
// figure route, with 1,000 records of each feature in the store and again once the same store holds as many as it
// takes in READS_BUDGET_MS per feature (default 12 s; at least 10,000, at most READS_AT, default 100,000), must stay
// within 10%. The records are described in reads.support.ts; the alliance routes are in alliance-reads.test.ts, the
// event page and a waiting user's signups in events-ledger.test.ts. Most of the time is writing the records (about
// 1 ms of CPU an item in the embedded store, some 40,000 items).
import { startTestApp } from '../support/app';
import { countReads } from '../support/readCounter';
import {
  BIG_EVENT,
  READ_FEATURES,
  SHORT_WAIT_EVENT,
  createActors,
  describeReads,
  generate,
  measureReads,
  type Call,
} from './reads.support';

const SMALL = 1_000;
const LARGE = {
  min: 10_000,
  max: Number(process.env.READS_AT ?? 100_000),
  budgetMs: Number(process.env.READS_BUDGET_MS ?? 12_000),
};
jest.setTimeout(600_000);

interface Figures {
  records: number;
  reads: Record<string, number>;
}
const small: Record<string, Figures> = {};
const large: Record<string, Figures> = {};
let shortWaitingList: { items: { userId: string; status: string }[]; nextCursor: string | null };
let cancelledList: {
  items: { userId: string; eventId: string; status: string }[];
  nextCursor: string | null;
};

// One store grows: every feature's first 1,000 records are measured, then the same store is grown to the large size
// (record i is the same at any size, so the small store is the large one's beginning) and measured again.
beforeAll(async () => {
  const app = await startTestApp();
  try {
    const call: Call = (method, url, token, body) => app.request(method, url, { token, body });
    const actors = await createActors(call, 'reads');
    const counter = countReads();
    const now = Date.now();
    for (const feature of READ_FEATURES) {
      const { records } = await generate(feature, actors.reader, { now, min: SMALL });
      small[feature.name] = { records, reads: await measureReads(call, feature, actors, counter) };
    }
    for (const feature of READ_FEATURES) {
      const started = Date.now();
      const { records, items } = await generate(feature, actors.reader, { ...LARGE, now, from: SMALL });
      console.log(
        `${feature.name}: grown to ${records} ${feature.unit} (+${items} items) in ${Date.now() - started} ms`,
      );
      large[feature.name] = { records, reads: await measureReads(call, feature, actors, counter) };
      if (feature.name === 'events') {
        shortWaitingList = (
          await call('GET', `/v1/events/${SHORT_WAIT_EVENT}/signups?status=waitlisted`, actors.staff.token)
        ).body;
        cancelledList = (
          await call('GET', `/v1/events/${BIG_EVENT}/signups?status=cancelled`, actors.staff.token)
        ).body;
      }
      const [a, b] = [small[feature.name], large[feature.name]];
      console.log(
        `${feature.name}: items read per call, ${a.records} → ${b.records}\n${describeReads(a, b)}`,
      );
    }
  } finally {
    await app.close();
  }
});

const nobody = { token: '', userId: '' };
describe.each(READ_FEATURES.map((f) => [f.name, f.routes(nobody, nobody).map((r) => r.label)] as const))(
  '%s: items read per call at 10,000–100,000 records, at most 1.1 × those at 1,000',
  (name, labels) => {
    it.each(labels)('%s', (label) => {
      const [a, b] = [small[name], large[name]];
      expect(b.records).toBeGreaterThanOrEqual(10_000);
      expect(a.reads[label]).toBeGreaterThan(0);
      // Items read at the large size, at most 1.1 × those at 1,000.
      expect(b.reads[label]).toBeLessThanOrEqual(a.reads[label] * 1.1);
    });
  },
);

it('the staff list of waiting signups holds every waiting household, in arrival order, at the large size', () => {
  // Ten households wait for the second big event (reads.support.ts): records k = 3, 23, …, 183.
  const expected = Array.from({ length: 10 }, (_, j) => `gen_member_${3 + 20 * j}`);
  expect(shortWaitingList.items.map((s) => s.userId)).toEqual(expected);
  expect(shortWaitingList.items.every((s) => s.status === 'waitlisted')).toBe(true);
  expect(shortWaitingList.nextCursor).toBeNull();
});

it('a staff list of one status holds only signups of that status, in the order of the whole list', () => {
  // A twentieth of the first big event's signups are cancelled (reads.support.ts): a full page at the large size.
  expect(cancelledList.items).toHaveLength(20);
  expect(cancelledList.items.every((s) => s.status === 'cancelled' && s.eventId === BIG_EVENT)).toBe(true);
  const ids = cancelledList.items.map((s) => s.userId);
  expect(ids).toEqual([...ids].sort());
  expect(cancelledList.nextCursor).not.toBeNull();
});
