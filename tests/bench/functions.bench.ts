// Lean functions: each function bundled as serverless.yml bundles it (esbuild, minified, CJS, node20, the AWS SDK
// left to the runtime), its main file's size, and its load + init time in a fresh Node process measured against
// bare Node with the SDK's DynamoDB document client loaded (what every function pays anyway). Goal (issue 16):
// main file ≤ 150 KB and our code ≤ 30 ms beyond Node + the SDK client.
//
// Each process is a paired measurement: it times loading the SDK's DynamoDB clients, then (for a function that reads
// secrets from SSM, with RC_SECRETS set as packaging sets it: infra/deploy/launchPolicies.js) the SDK's SSM client,
// then the function's bundle. The bundle's time is ours; the SDK's in the same process is the yardstick for how
// loaded the shared machine was (`÷SDK`: our time over the SDK client's own, in that process). RUNS processes per
// function, interleaved across functions; figures are the median, the largest, and the spread (the interquartile
// range of the runs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { secretsUsedByHandlers } from '../../infra/deploy/launchPolicies';
import { ROOT, functionsConfig } from '../../infra/local/serverlessConfig';

const RUNS = Number(process.env.BENCH_INIT_RUNS ?? 7);
/** Only the functions whose name contains one of these (comma-separated), e.g. BENCH_FUNCTIONS=Event,login. */
const ONLY = (process.env.BENCH_FUNCTIONS ?? '').split(',').filter(Boolean);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (values: number[]) => quantile(values, 0.5);

interface Sample {
  sdkMs: number;
  ssmMs: number;
  oursMs: number;
}

/** One fresh process: the SDK's DynamoDB clients, the SSM client if the function reads secrets, then the bundle. */
function sample(file: string, secrets: string[]): Sample {
  const script =
    `const t0 = performance.now(); require('@aws-sdk/lib-dynamodb'); require('@aws-sdk/client-dynamodb');` +
    `const t1 = performance.now(); if (process.env.RC_SECRETS) require('@aws-sdk/client-ssm');` +
    `const t2 = performance.now(); require(${JSON.stringify(file)}); const t3 = performance.now();` +
    `process.stdout.write(JSON.stringify({ sdkMs: t1 - t0, ssmMs: t2 - t1, oursMs: t3 - t2 }));`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: path.join(ROOT, 'node_modules'),
    TABLE_NAME: 'bench',
    RC_SSM_PREFIX: '/red-circle/bench/',
  };
  if (secrets.length) env.RC_SECRETS = secrets.join(',');
  else delete env.RC_SECRETS;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8' }));
}

export async function run(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'rc-fn-'));
  const functions = Object.entries(functionsConfig())
    .map(([name, fn]) => ({ name, entry: fn.handler.replace(/\.handler$/, '') }))
    .filter((fn) => ONLY.length === 0 || ONLY.some((o) => fn.name.includes(o)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const secrets = secretsUsedByHandlers(
    ROOT,
    functions.map((fn) => `${fn.entry}.ts`),
  );
  const rows: { name: string; file: string; kb: number; secrets: string[]; samples: Sample[] }[] = [];
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
      const used = secrets.get(`${fn.entry}.ts`) ?? [];
      rows.push({ name: fn.name, file, kb: statSync(file).size / 1024, secrets: used, samples: [] });
    }
    // Interleaved: run i of every function before run i + 1 of any, so a busy spell spreads over all of them.
    for (let i = 0; i < RUNS; i++) for (const r of rows) r.samples.push(sample(r.file, r.secrets));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  const all = rows.flatMap((r) => r.samples);
  const withSsm = rows.filter((r) => r.secrets.length).flatMap((r) => r.samples);
  console.log(
    `${rows.length} functions, ${RUNS} fresh processes each (interleaved); in those processes the SDK's DynamoDB ` +
      `clients took ${median(all.map((s) => s.sdkMs)).toFixed(1)} ms (median), and the SSM client after them ` +
      `${withSsm.length ? median(withSsm.map((s) => s.ssmMs)).toFixed(1) : '–'} ms in the ${rows.filter((r) => r.secrets.length).length} functions that read secrets`,
  );
  console.log(
    `${'function'.padEnd(width)}  main KB  our load+init: median    max  spread (IQR)  ÷SDK  SSM client`,
  );
  const medians: number[] = [];
  const ratios: number[] = [];
  for (const r of rows) {
    const ours = r.samples.map((s) => s.oursMs);
    const ratio = median(r.samples.map((s) => s.oursMs / s.sdkMs));
    medians.push(median(ours));
    ratios.push(ratio);
    console.log(
      `${r.name.padEnd(width)}  ${r.kb.toFixed(1).padStart(7)}  ${median(ours).toFixed(1).padStart(19)} ms ` +
        `${Math.max(...ours)
          .toFixed(1)
          .padStart(
            6,
          )}  ${quantile(ours, 0.25).toFixed(1).padStart(5)}–${quantile(ours, 0.75).toFixed(1).padEnd(6)}` +
        `  ${ratio.toFixed(2)}  ${r.secrets.length ? 'yes' : 'no'}`,
    );
  }
  const over = rows.filter((r) => r.kb > 150);
  console.log(
    `largest ${Math.max(...rows.map((r) => r.kb)).toFixed(1)} KB, median ${median(rows.map((r) => r.kb)).toFixed(1)} KB; ` +
      `${over.length} of ${rows.length} over 150 KB${over.length ? ` (${over.map((r) => r.name).join(', ')})` : ''}`,
  );
  console.log(
    `our load+init (medians per function): median ${median(medians).toFixed(1)} ms, max ${Math.max(...medians).toFixed(1)} ms; ` +
      `÷SDK median ${median(ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`,
  );
}
