// Lean functions: each function bundled as serverless.yml bundles it (its custom.esbuild options and plugins: esbuild,
// minified, CJS, node20, the AWS SDK left to the runtime), its main file's size, and its load + init time measured in
// fresh Node processes against bare Node with the SDK's DynamoDB clients loaded (what every function pays anyway).
// Goal (issue 16): main file ≤ 150 KB and our code ≤ 30 ms beyond Node + the SDK client. Each function is also built
// without the deployment's plugins and charset (`plain KB`: what it was before infra/deploy/esbuildPlugins.js), to
// show what they save.
//
// Paired processes: each measurement is two fresh `node` processes started one after the other, a baseline that loads
// the SDK's DynamoDB clients (and, for a function that reads secrets, with RC_SECRETS set as packaging sets it:
// infra/deploy/launchPolicies.js, the SSM client) and one that loads the same and then the function's bundle. Each
// reports how long after its start it was ready (performance.now(), from the process's time origin); the difference
// of the pair is our code's load + init. The order within a pair alternates, and round i of every function runs
// before round i + 1 of any, so a busy spell of the shared machine weighs on both sides of a pair and spreads over all
// functions. Per function: the median and p90 of the paired differences of wall time, the median paired difference of
// the processes' CPU time (user + system, all threads: what the load of the shared machine disturbs least), and the
// bundle's own require time measured inside the process (a cross-check). `health` (a bundle of 0.6 KB) shows the
// noise floor. The machine's load (os.loadavg, as `uptime` prints it) is printed per round.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { secretsUsedByHandlers } from '../../infra/deploy/launchPolicies';
import { ROOT, deployedBuildOptions, functionsConfig } from '../../infra/local/serverlessConfig';
import { median, quantile } from './support';

const RUNS = Number(process.env.BENCH_INIT_RUNS ?? 15);
/** Only the functions whose name contains one of these (comma-separated), e.g. BENCH_FUNCTIONS=Event,login. */
const ONLY = (process.env.BENCH_FUNCTIONS ?? '').split(',').filter(Boolean);
const GOAL_KB = 150;
const GOAL_MS = 30;

interface Ready {
  /** ms from the process's start until the SDK clients (and the bundle, if any) were loaded. */
  readyMs: number;
  /** ms the bundle's require took inside the process (0 in a baseline). */
  bundleMs: number;
  /** CPU ms (user + system, every thread) the process had used when ready. */
  cpuMs: number;
}

/** One fresh process: the SDK's DynamoDB clients, the SSM client if the function reads secrets, then the bundle. */
function ready(file: string | null, secrets: string[]): Ready {
  const script =
    `require('@aws-sdk/lib-dynamodb'); require('@aws-sdk/client-dynamodb');` +
    `if (process.env.RC_SECRETS) require('@aws-sdk/client-ssm');` +
    `const t = performance.now(); ${file ? `require(${JSON.stringify(file)});` : ''} const end = performance.now();` +
    `const cpu = process.cpuUsage(); const cpuMs = (cpu.user + cpu.system) / 1000;` +
    `process.stdout.write(JSON.stringify({ readyMs: end, bundleMs: end - t, cpuMs }));`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: path.join(ROOT, 'node_modules'),
    TABLE_NAME: 'bench',
    RC_SSM_PREFIX: '/red-circle/bench/',
  };
  delete env.NODE_OPTIONS;
  if (secrets.length) env.RC_SECRETS = secrets.join(',');
  else delete env.RC_SECRETS;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8' }));
}

interface Pair {
  baselineMs: number;
  diffMs: number;
  cpuDiffMs: number;
  bundleMs: number;
}

function pair(file: string, secrets: string[], baselineFirst: boolean): Pair {
  let baseline: Ready;
  let fn: Ready;
  if (baselineFirst) {
    baseline = ready(null, secrets);
    fn = ready(file, secrets);
  } else {
    fn = ready(file, secrets);
    baseline = ready(null, secrets);
  }
  return {
    baselineMs: baseline.readyMs,
    diffMs: fn.readyMs - baseline.readyMs,
    cpuDiffMs: fn.cpuMs - baseline.cpuMs,
    bundleMs: fn.bundleMs,
  };
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

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
  const options = deployedBuildOptions();
  const { plugins: _plugins, charset: _charset, ...plain } = options;
  const rows: {
    name: string;
    file: string;
    kb: number;
    plainKb: number;
    secrets: string[];
    pairs: Pair[];
  }[] = [];
  const loads: string[] = [];
  try {
    for (const fn of functions) {
      const file = path.join(out, `${fn.name}.js`);
      await build({
        ...options,
        entryPoints: [path.join(ROOT, `${fn.entry}.ts`)],
        outfile: file,
        logLevel: 'error',
      });
      const plainBuild = await build({
        ...plain,
        entryPoints: [path.join(ROOT, `${fn.entry}.ts`)],
        write: false,
        logLevel: 'error',
      });
      const used = secrets.get(`${fn.entry}.ts`) ?? [];
      rows.push({
        name: fn.name,
        file,
        kb: statSync(file).size / 1024,
        plainKb: plainBuild.outputFiles[0].contents.length / 1024,
        secrets: used,
        pairs: [],
      });
    }
    const bySize = [...rows].sort((a, b) => b.kb - a.kb);
    const over = rows.filter((r) => r.kb > GOAL_KB);
    console.log(
      `${rows.length} functions built as serverless.yml bundles them; main file: largest ${bySize[0].kb.toFixed(1)} KB, ` +
        `median ${median(rows.map((r) => r.kb)).toFixed(1)} KB; ${over.length} over ${GOAL_KB} KB` +
        `${over.length ? ` (${over.map((r) => r.name).join(', ')})` : ''}`,
    );
    console.log(
      `5 largest: ${bySize
        .slice(0, 5)
        .map((r) => `${r.name} ${r.kb.toFixed(1)} KB (plain ${r.plainKb.toFixed(1)})`)
        .join(', ')}; all ${rows.length}: ${rows.reduce((n, r) => n + r.kb, 0).toFixed(0)} KB, plain ` +
        `${rows.reduce((n, r) => n + r.plainKb, 0).toFixed(0)} KB`,
    );
    const started = Date.now();
    loads.push(load());
    for (let i = 0; i < RUNS; i++) {
      rows.forEach((r, j) => r.pairs.push(pair(r.file, r.secrets, (i + j) % 2 === 0)));
      loads.push(load());
    }
    console.log(
      `${RUNS} pairs of fresh processes per function (baseline, function; interleaved) in ` +
        `${((Date.now() - started) / 60_000).toFixed(1)} min; load average (1, 5, 15 min) at the start and after each ` +
        `round: ${loads.join(' | ')}`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const all = rows.flatMap((r) => r.pairs);
  console.log(
    `baseline (Node + the SDK's DynamoDB clients, + the SSM client where the function reads secrets), ready after: ` +
      `median ${median(all.map((p) => p.baselineMs)).toFixed(1)} ms, p90 ${quantile(
        all.map((p) => p.baselineMs),
        0.9,
      ).toFixed(1)} ms`,
  );
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(
    `${'function'.padEnd(width)}  main KB  plain KB   beyond baseline: wall median   p90   CPU median` +
      `   require in process: median`,
  );
  const medians: number[] = [];
  const cpuMedians: number[] = [];
  const fixed = (n: number, width: number) => n.toFixed(1).padStart(width);
  for (const r of rows) {
    const diffs = r.pairs.map((p) => p.diffMs);
    medians.push(median(diffs));
    cpuMedians.push(median(r.pairs.map((p) => p.cpuDiffMs)));
    console.log(
      `${r.name.padEnd(width)}  ${fixed(r.kb, 7)}  ${fixed(r.plainKb, 8)}  ${fixed(median(diffs), 26)} ms ` +
        `${fixed(quantile(diffs, 0.9), 5)}  ${fixed(cpuMedians[cpuMedians.length - 1], 8)} ms  ` +
        `${fixed(median(r.pairs.map((p) => p.bundleMs)), 26)} ms`,
    );
  }
  const overGoal = rows.filter((_, i) => medians[i] > GOAL_MS);
  console.log(
    `our load+init beyond Node + the SDK client (wall, median per function): median ${median(medians).toFixed(1)} ms, ` +
      `max ${Math.max(...medians).toFixed(1)} ms; ${overGoal.length} of ${rows.length} over ${GOAL_MS} ms` +
      `${overGoal.length ? ` (${overGoal.map((r) => r.name).join(', ')})` : ''}; CPU: median ` +
      `${median(cpuMedians).toFixed(1)} ms, max ${Math.max(...cpuMedians).toFixed(1)} ms`,
  );
}
