// Lean functions (issue 16): the request schemas of shared/api/*.ts are built as `/* @__PURE__ */ (() => schema)()`,
// so a function's bundle (esbuild, as serverless.yml bundles it) holds only the schemas its route uses — the others
// are neither shipped nor built at cold start — and a route without schemas ships without zod's schema classes. The
// schemas are written with `zod/mini`, whose classes carry neither classic's methods nor its JSON Schema generator,
// so no deployed bundle holds the generator (and infra/deploy/esbuildPlugins.js would leave it out of one that
// imported classic zod): validation and its messages stay exactly those of the source.
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { deployedBuildOptions } from '../../infra/local/serverlessConfig';
import { parseOrThrow } from '../../functions/lib/validation';
import { listEventsQuerySchema, signUpSchema, updateEventSchema } from '../../shared/api/events';

const ROOT = path.resolve(__dirname, '..', '..');
/** As serverless.yml bundles a function (Chinese text as written, so the checks can look for a schema's messages). */
const DEPLOYED = { ...deployedBuildOptions(), write: false, logLevel: 'silent' } as const;

/** Which of these texts the bundle holds (a short answer where a failing check would print the whole bundle). */
const holds = (text: string, marks: string[]) => Object.fromEntries(marks.map((m) => [m, text.includes(m)]));

async function bundle(handler: string): Promise<string> {
  const result = await build({ ...DEPLOYED, entryPoints: [path.join(ROOT, handler)] });
  return result.outputFiles[0].text;
}

const MONTH = '月份格式应为 YYYY-MM'; // GET /v1/events
const NOTHING_TO_CHANGE = '没有要修改的内容'; // PATCH /v1/events/{id}
const CONSENT = '请阅读并勾选同意监护人授权'; // POST /v1/events/{id}/signups

it("leaves out the schemas of the feature's other routes", async () => {
  const listEvents = await bundle('functions/events/handlers/listEvents.ts');
  expect(holds(listEvents, [MONTH, NOTHING_TO_CHANGE, CONSENT])).toEqual({
    [MONTH]: true,
    [NOTHING_TO_CHANGE]: false,
    [CONSENT]: false,
  });
  const signUp = await bundle('functions/events/handlers/signUp.ts');
  expect(holds(signUp, [MONTH, CONSENT])).toEqual({ [MONTH]: false, [CONSENT]: true });
}, 60_000);

it('ships no schema classes with a route that declares no schema', async () => {
  const exportMe = await bundle('functions/users/handlers/exportMe.ts');
  const listEvents = await bundle('functions/events/handlers/listEvents.ts');
  // The name zod gives its object schema class (kept by minification): present wherever that class is.
  expect(holds(listEvents, ['$ZodObject'])).toEqual({ $ZodObject: true });
  expect(holds(exportMe, ['$ZodObject'])).toEqual({ $ZodObject: false });
  expect(exportMe.length).toBeLessThan(150 * 1024);
}, 60_000);

/** Requests each refused by a schema: a body field of each kind, a nested one, a refinement and an unknown key. */
const REFUSED = {
  signUp: [
    { participants: [{ name: '', age: 1.5 }], guardianPhone: '123', subscribe: 'yes', extra: 1 },
    { guardianConsent: { agreed: false, policyVersion: '' } },
  ],
  updateEvent: [{}, { capacity: 0, startsAt: 'tomorrow', status: 'gone' }],
  listEvents: [{ month: '2026-13', limit: '0x10', q: ' ' }],
};

/** The 422 fields each refused request gets (parseOrThrow, as every handler parses its input). */
function fieldsFor(schemas: Record<keyof typeof REFUSED, unknown>, parse: typeof parseOrThrow) {
  return Object.fromEntries(
    Object.entries(REFUSED).map(([name, inputs]) => [
      name,
      inputs.map((input) => {
        try {
          parse(schemas[name as keyof typeof REFUSED] as never, input);
          return 'accepted';
        } catch (err) {
          return (err as { extra?: { fields?: unknown } }).extra?.fields ?? String(err);
        }
      }),
    ]),
  );
}

it('validates in the deployed bundle as in the source, with the JSON Schema generator left out', async () => {
  const result = await build({
    stdin: {
      contents: [
        `import { parseOrThrow } from './functions/lib/validation';`,
        `import { listEventsQuerySchema, signUpSchema, updateEventSchema } from './shared/api/events';`,
        `export const parse = parseOrThrow;`,
        `export const schemas = { signUp: signUpSchema, updateEvent: updateEventSchema, listEvents: listEventsQuerySchema };`,
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    ...DEPLOYED,
  });
  const text = result.outputFiles[0].text;
  // Neither zod classic (its classes are named `ZodType`, `ZodObject`, …; mini's `ZodMiniType`, …) nor the JSON
  // Schema generator is in the bundle.
  expect(holds(text, ['"ZodType"', '"ZodMiniType"', 'processJSONSchema', 'toJSONSchema'])).toEqual({
    '"ZodType"': false,
    '"ZodMiniType"': true,
    processJSONSchema: false,
    toJSONSchema: false,
  });
  const sandbox = {
    module: { exports: {} as Record<string, unknown> },
    exports: {},
    require,
    TextDecoder,
    Buffer,
  };
  sandbox.exports = sandbox.module.exports;
  runInNewContext(text, sandbox);
  const deployed = sandbox.module.exports as { parse: typeof parseOrThrow; schemas: Record<string, unknown> };
  const source = { signUp: signUpSchema, updateEvent: updateEventSchema, listEvents: listEventsQuerySchema };
  const expected = fieldsFor(source, parseOrThrow);
  expect(JSON.stringify(expected)).toMatch(/[\u4e00-\u9fff]/); // Chinese messages (zh-CN), not English
  expect(fieldsFor(deployed.schemas as typeof source, deployed.parse)).toEqual(expected);
  expect((deployed.schemas.signUp as Record<string, unknown>).toJSONSchema).toBeUndefined();
}, 60_000);
