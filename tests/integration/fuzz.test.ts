// Issue 17: the boundary holds under a property-based fuzzer (fast-check, fixed seed, printed) over every route of
// docs/openapi.json: a tenth of the requests well-formed by the shared zod schemas (any caller allowed on the route),
// the rest hostile (wrong types, missing and extra fields, deep and huge bodies, invalid UTF-8, lone surrogates,
// wrong content types, bad ids, cursors, query numbers, tokens and Idempotency-Keys, unknown routes and methods).
// Every reply is a success or a contract error that matches the document (never a 5xx), every request that cannot
// be accepted is refused, and a scan of the table is unchanged by the hostile phase.
// npm test sends 10,000: a tenth well-formed (full handler runs with their store calls, the dear ones) and the rest
// hostile (refused at the boundary, a few ms each), through 8 at a time; the time of each stage is printed.
// FUZZ_REQUESTS / FUZZ_SEED change the run, and `npm run fuzz -- --runs 100000` is the long one (fuzz.run.ts).
import { startTestApp, type TestApp } from '../support/app';
import { describeTiming, operations, runFuzz } from './fuzz.support';

const SEED = Number(process.env.FUZZ_SEED ?? 17_2026);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);

jest.setTimeout(900_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

it(`answers ${REQUESTS} fuzzed requests on every route within the contract, and hostile ones change nothing`, async () => {
  const result = await runFuzz(app, { seed: SEED, requests: REQUESTS });
  console.log(
    `fuzz seed ${SEED}: ${result.wellFormed.requests + result.hostile.requests} requests over ` +
      `${result.operations} operations (${result.wellFormed.requests} well-formed, ${result.hostile.requests} hostile)\n` +
      `  ${describeTiming(result.timing)}\n` +
      `  well-formed by status ${JSON.stringify(result.wellFormed.byStatus)}\n` +
      `  hostile by status ${JSON.stringify(result.hostile.byStatus)}\n  hostile by kind ${JSON.stringify(result.hostile.byKind)}`,
  );
  expect(result.wellFormed.requests + result.hostile.requests).toBeGreaterThanOrEqual(REQUESTS);
  // The table after the hostile phase is the table before it: nothing added, nothing changed or removed.
  const before = new Set(result.before);
  const after = new Set(result.after);
  const changes = {
    added: result.after.filter((item) => !before.has(item)).slice(0, 5),
    removed: result.before.filter((item) => !after.has(item)).slice(0, 5),
  };
  expect(changes).toEqual({ added: [], removed: [] });
  // The schema-derived requests reach the handlers: some succeed, some are refused by the handlers' own rules.
  expect(Object.keys(result.wellFormed.byStatus).some((s) => s.startsWith('2'))).toBe(true);
  // Every operation of the document was called (in one phase or both).
  const all = operations().map((op) => `${op.method} ${op.path}`);
  const called = new Set([
    ...Object.keys(result.wellFormed.byOperation),
    ...Object.keys(result.hostile.byOperation),
  ]);
  expect(all.filter((op) => !called.has(op))).toEqual([]);
});
