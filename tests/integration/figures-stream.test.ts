// One function reads the table's stream for every dashboard figure (functions/admin/figuresStream.ts): each record
// goes to its counter, in order, and a batch is reported failed from the earliest record any counter could not take.
// The counters' own rules are tested with them (events-, spaces- and alliance-figures-stream.test.ts).
import { marshall } from '@aws-sdk/util-dynamodb';
import { countFigureRecords, type FigureStreamRecord } from '../../functions/admin/figuresStream';
import { ledgerStore } from '../../functions/events/ledgerStore';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

let seq = 0;
const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true });
/** A record of `item` as the stream delivers it. */
function record(
  eventName: string,
  item: Record<string, unknown>,
  old?: Record<string, unknown>,
): FigureStreamRecord {
  return {
    eventName,
    dynamodb: {
      Keys: image({ pk: item.pk, sk: item.sk }),
      NewImage: image(item),
      ...(old ? { OldImage: image(old) } : {}),
      SequenceNumber: String(++seq).padStart(6, '0'),
    },
  };
}
const signup = (eventId: string) =>
  record('INSERT', {
    pk: `EVENT#${eventId}`,
    sk: `SIGNUP#u${seq}`,
    type: 'signup',
    id: `s${seq}`,
    eventId,
    userId: `u${seq}`,
    status: 'confirmed',
    seats: 1,
    attempt: `a${seq}`,
    createdAt: new Date().toISOString(),
  });
const unrelated = () => record('INSERT', { pk: `OFFER#o${seq}`, sk: 'META', type: 'offer' });

it('reports the batch failed from the earliest record a counter could not take, in the batch order', async () => {
  // A sign-up whose event cannot be read (the counter fails it and every later sign-up), between other records.
  const real = ledgerStore.get.bind(ledgerStore);
  jest.spyOn(ledgerStore, 'get').mockImplementation(async (eventId) => {
    if (eventId === 'unreadable') throw new Error('ProvisionedThroughputExceededException');
    return real(eventId);
  });
  const batch = [unrelated(), signup('gone'), unrelated(), signup('unreadable'), unrelated(), signup('gone')];
  const { batchItemFailures } = await countFigureRecords(batch);
  expect(batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
    batch.slice(3).map((r) => r.dynamodb!.SequenceNumber),
  );
  // Nothing any counter refused: nothing reported.
  expect(await countFigureRecords([unrelated(), signup('gone'), unrelated()])).toEqual({
    batchItemFailures: [],
  });
  expect(await countFigureRecords([])).toEqual({ batchItemFailures: [] });
});
