// Lean functions (issue 16): the request schemas of shared/api/*.ts are built as `/* @__PURE__ */ (() => schema)()`,
// so a function's bundle (esbuild, as serverless.yml bundles it) holds only the schemas its route uses — the others
// are neither shipped nor built at cold start — and a route without schemas ships without zod's schema classes.
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');

/** Which of these texts the bundle holds (a short answer where a failing check would print the whole bundle). */
const holds = (text: string, marks: string[]) => Object.fromEntries(marks.map((m) => [m, text.includes(m)]));

async function bundle(handler: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, handler)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    write: false,
    // Chinese text as written, so the checks below can look for a schema's messages.
    charset: 'utf8',
    logLevel: 'silent',
  });
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
