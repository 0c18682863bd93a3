// `npm run package`: builds the deployment offline, with no AWS credentials and no network.
//   1. `tsc --noEmit` (an esbuild resolve error makes `serverless package` print it and then hang forever),
//   2. `serverless package` (osls + serverless-esbuild + serverless-iam-roles-per-function) under a timeout,
//   3. prints each function's zip size.
// Output: .serverless/cloudformation-template-update-stack.json and one zip per function.
// Secrets: serverless.yml reads them from SSM at deploy time; here RC_OFFLINE_PLACEHOLDER stands in for them,
// so the template holds placeholders and is for inspection and linting, not for deploying (use `serverless deploy`).
// Options after `--` are passed on, e.g. `npm run package -- --stage staging`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_DIR = path.join(ROOT, '.serverless');
const TEMPLATE = path.join(OUT_DIR, 'cloudformation-template-update-stack.json');

const TSC_TIMEOUT_MS = 5 * 60_000;
const PACKAGE_TIMEOUT_MS = 5 * 60_000;

function bin(name: string): string {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

/** Runs a command in its own process group; on timeout the whole group is killed and the step fails. */
function run(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${path.relative(ROOT, command) || command} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (timedOut) {
        reject(
          new Error(
            `${label} did not finish within ${timeoutMs / 1000} s and was stopped (a resolve error in a handler makes serverless-esbuild hang; check the output above)`,
          ),
        );
      } else if (code !== 0) {
        reject(new Error(`${label} failed (exit ${code ?? signal}) after ${seconds} s`));
      } else {
        console.log(`✔ ${label} (${seconds} s)`);
        resolve();
      }
    });
  });
}

function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Never reach for real credentials or profiles: packaging needs none.
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPACKAGING',
    AWS_SECRET_ACCESS_KEY: 'offline-packaging-no-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    RC_OFFLINE_PLACEHOLDER: 'offline-placeholder',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    // The SDK inside osls warns on every run that future releases want Node 22; nothing to act on here.
    NODE_NO_WARNINGS: '1',
  };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const extra = process.argv.slice(2);
  await run('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], process.env, TSC_TIMEOUT_MS);
  // Stale zips of renamed or removed functions must not survive into the listing.
  rmSync(OUT_DIR, { recursive: true, force: true });
  // serverless-esbuild leaves a directory per function in the temporary directory (`<function>-<pid>-<time>-…`,
  // about 100 a run): give it one of its own, removed afterwards.
  const scratch = mkdtempSync(path.join(tmpdir(), 'rc-package-'));
  try {
    await run(
      'serverless package',
      bin('serverless'),
      ['package', ...extra],
      { ...offlineEnv(), TMPDIR: scratch, TMP: scratch, TEMP: scratch },
      PACKAGE_TIMEOUT_MS,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  if (!existsSync(TEMPLATE))
    throw new Error(`serverless package finished but ${path.relative(ROOT, TEMPLATE)} is missing`);
  const zips = readdirSync(OUT_DIR)
    .filter((f) => f.endsWith('.zip'))
    .map((f) => ({ name: f.replace(/\.zip$/, ''), bytes: statSync(path.join(OUT_DIR, f)).size }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (zips.length === 0) throw new Error('serverless package wrote no function zips');
  const width = Math.max(...zips.map((z) => z.name.length), 'function'.length);
  console.log(`\n${'function'.padEnd(width)}  zip size`);
  for (const z of zips) console.log(`${z.name.padEnd(width)}  ${kib(z.bytes).padStart(10)}`);
  const total = zips.reduce((sum, z) => sum + z.bytes, 0);
  console.log(`${'total'.padEnd(width)}  ${kib(total).padStart(10)}  (${zips.length} functions)`);
  console.log(
    `\ntemplate: ${path.relative(ROOT, TEMPLATE)} (${kib(statSync(TEMPLATE).size)}); packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((err: unknown) => {
  console.error(`\n✖ ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
