// Mutation testing of the invariant code (docs/QUALITY.md): `npm run test:mutation` mutates every file listed in
// stryker/targets.mjs and runs, for each mutant, only the integration tests that cover it. One feature:
//   MUTATION_FEATURES=spaces npm run test:mutation
// or name files (the suites of their features are run):
//   npm run test:mutation -- --mutate functions/spaces/occupancySteps.ts,functions/spaces/reconcileService.ts
// MUTATION_CONCURRENCY=1 adds the concurrency suites (much slower); MUTATION_TESTS names the suites instead.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { targets } from './stryker/targets.mjs';

/** The value of `--mutate`/`-m` on the command line, if any (Stryker applies it itself; we only read it). */
function cliMutate() {
  const args = process.argv;
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--mutate=')) return args[i].slice('--mutate='.length);
    if (args[i] === '--mutate' || args[i] === '-m') return args[i + 1];
  }
  return undefined;
}

function selectedFeatures() {
  const fromEnv = (process.env.MUTATION_FEATURES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (fromEnv.length > 0) {
    const unknown = fromEnv.filter((f) => !targets[f]);
    if (unknown.length > 0)
      throw new Error(
        `MUTATION_FEATURES: unknown ${unknown.join(', ')}; known: ${Object.keys(targets).join(', ')}`,
      );
    return fromEnv;
  }
  const files = cliMutate();
  if (files) {
    const named = Object.keys(targets).filter((f) =>
      files.split(',').some((p) => p.includes(`functions/${f}/`)),
    );
    if (named.length > 0) return named;
  }
  return Object.keys(targets);
}

const features = selectedFeatures();
const mutate = features
  .flatMap((f) => targets[f].mutate)
  .filter((file) => {
    if (existsSync(file)) return true;
    console.warn(`stryker: ${file} does not exist; update stryker/targets.mjs`);
    return false;
  });
// MUTATION_TESTS=a.test.ts,b*.test.ts runs those integration suites instead of the features' own (a narrower set
// for a file whose mutants only some suites can kill; with --coverageAnalysis all every mutant runs all of them).
const testGlobs = (process.env.MUTATION_TESTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const testMatch = (testGlobs.length > 0 ? testGlobs : features.flatMap((f) => targets[f].tests)).map(
  (t) => `<rootDir>/tests/integration/${t}`,
);
// The concurrency suites (hundreds of simultaneous requests, 30–100 s a test) cover nearly every line, and Jest
// cannot stop at a mutant's first failing test, so they would dominate every mutant's run. They stay out unless
// MUTATION_CONCURRENCY=1; the rule and crash suites are the ones that must kill the invariants' mutants.
const testPathIgnorePatterns = ['/node_modules/'];
if (process.env.MUTATION_CONCURRENCY !== '1') testPathIgnorePatterns.push('-concurrency\\.test\\.ts$');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'stryker/jest.config.js',
    config: { testMatch, testPathIgnorePatterns },
    enableFindRelatedTests: false,
  },
  mutate,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Each test starts an embedded store and runs real handlers; a busy machine may run a mutant at a third of the
  // dry run's pace before it counts as a timeout (an endless loop).
  timeoutFactor: 3,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 30,
  // The sandbox lives outside the repository, so nobody's lint, prettier or jest sees its copies mid-run.
  tempDirName: path.join(os.tmpdir(), 'red-circle-stryker'),
  ignorePatterns: [
    '/miniapp',
    // docs/openapi.json stays: the test app checks every reply against it (tests/support/contract.ts).
    '/docs/*',
    '!/docs/openapi.json',
    '/tests/e2e',
    '/tests/unit',
    '/tests/deploy',
    '/.data*',
    '/tmp',
    '/coverage',
    '/reports',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { logTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
};
