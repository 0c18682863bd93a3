// Issue 17: docs/openapi.json passes `redocly lint` (the recommended rules, with the exceptions and their reasons in
// redocly.yaml and .redocly.lint-ignore.yaml). The same command as `npm run lint:openapi`, so CI runs it in npm test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

jest.setTimeout(60_000);

it('redocly lint docs/openapi.json reports no error and no warning', () => {
  const run = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'redocly'),
    ['lint', 'docs/openapi.json', '--format', 'summary'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      // No telemetry or update check: the lint needs no network.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/Your API description is valid/);
  expect(output).not.toMatch(/\b\d+ (warning|error)s?\b/i);
  expect(run.status).toBe(0);
});
