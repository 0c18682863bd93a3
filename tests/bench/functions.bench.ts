// Lean functions: each function bundled as serverless.yml bundles it (esbuild, minified, CJS, node20, the AWS SDK
// left to the runtime), its main file's size, and its load + init time in a fresh Node process measured against
// bare Node with the SDK's DynamoDB document client loaded (what every function pays anyway). Goal (issue 16):
// main file ≤ 150 KB and our code ≤ 30 ms beyond Node + the SDK client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT, functionsConfig } from '../../infra/local/serverlessConfig';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * In a fresh process that has already loaded the SDK's DynamoDB clients (what every function pays anyway), the
 * milliseconds that loading `file` (reading, compiling and running its module scope) adds; median of RUNS processes.
 * With `file` null: the time to load the SDK clients themselves, for scale.
 */
function loadMs(file: string | null): number {
  const script = file
    ? `require('@aws-sdk/lib-dynamodb'); require('@aws-sdk/client-dynamodb'); const t0 = performance.now();` +
      `require(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t0));`
    : `const t0 = performance.now(); require('@aws-sdk/lib-dynamodb'); require('@aws-sdk/client-dynamodb');` +
      `process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), TABLE_NAME: 'bench' },
      encoding: 'utf8',
    });
    times.push(Number(out));
  }
  return median(times);
}

export async function run(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'rc-fn-'));
  const functions = Object.entries(functionsConfig())
    .map(([name, fn]) => ({ name, entry: fn.handler.replace(/\.handler$/, '') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const baseline = loadMs(null);
  const rows: { name: string; kb: number; extraMs: number }[] = [];
  try {
    for (const fn of functions) {
      const file = path.join(out, `${fn.name}.js`);
      await build({
        entryPoints: [path.join(ROOT, `${fn.entry}.ts`)],
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['@aws-sdk/*'],
        outfile: file,
        logLevel: 'error',
      });
      rows.push({ name: fn.name, kb: statSync(file).size / 1024, extraMs: loadMs(file) });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `loading the SDK's DynamoDB clients themselves: ${baseline.toFixed(1)} ms (median of ${RUNS} processes)`,
  );
  console.log(`${'function'.padEnd(width)}  main KB  load+init of our bundle (SDK already loaded)`);
  for (const r of rows)
    console.log(
      `${r.name.padEnd(width)}  ${r.kb.toFixed(1).padStart(7)}  ${r.extraMs.toFixed(1).padStart(6)} ms`,
    );
  const over = rows.filter((r) => r.kb > 150);
  console.log(
    `largest ${Math.max(...rows.map((r) => r.kb)).toFixed(1)} KB, median ${median(rows.map((r) => r.kb)).toFixed(1)} KB; ` +
      `${over.length} of ${rows.length} over 150 KB${over.length ? ` (${over.map((r) => r.name).join(', ')})` : ''}; ` +
      `load+init of our bundle: median ${median(rows.map((r) => r.extraMs)).toFixed(1)} ms, max ${Math.max(...rows.map((r) => r.extraMs)).toFixed(1)} ms`,
  );
}
