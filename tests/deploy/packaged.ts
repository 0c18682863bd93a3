// The deployment as `npm run package` writes it offline (.serverless/: the CloudFormation template and one zip per
// function), rebuilt when it is missing or older than anything it is built from: the serverless and functions.yml
// files, infra/deploy, package-lock.json and every source file of functions/ and shared/ (the zips are their bundles;
// the template's grants are read from the handlers' code). Test files of the deploy tier may run at once in several
// workers: one packages while the others wait for it (a lock directory in the temporary directory), then all read it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OUT_DIR = path.join(ROOT, '.serverless');
export const TEMPLATE = path.join(OUT_DIR, 'cloudformation-template-update-stack.json');
const LOCK = path.join(
  tmpdir(),
  `rc-package-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`,
);
const PACKAGE_TIMEOUT_MS = 8 * 60_000;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => keep(f) && statSync(f).isFile());
}

/** Every file the packaged deployment is built from. */
export function packageInputs(): string[] {
  const source = (f: string) =>
    /\.(ts|js|json|yml)$/.test(f) && !f.includes(`${path.sep}node_modules${path.sep}`);
  return [
    path.join(ROOT, 'serverless.yml'),
    path.join(ROOT, 'infra', 'table.yml'),
    path.join(ROOT, 'package-lock.json'),
    ...filesUnder(path.join(ROOT, 'infra', 'deploy'), source),
    ...filesUnder(path.join(ROOT, 'functions'), source),
    ...filesUnder(path.join(ROOT, 'shared'), source),
  ].filter((f) => existsSync(f));
}

/** The inputs newer than the packaged template (all of them when there is none). */
function staleBy(): string[] {
  if (!existsSync(TEMPLATE)) return ['(no package yet)'];
  const built = statSync(TEMPLATE).mtimeMs;
  return packageInputs().filter((f) => statSync(f).mtimeMs > built);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Holds the packaging lock while `fn` runs; a lock left by a process that is gone is taken over. */
function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + PACKAGE_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {
        // Just created, pid not written yet.
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner))
        rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${LOCK} is still held by process ${owner}`);
      else sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Packages the deployment offline unless .serverless/ is newer than everything it is built from. */
export function ensurePackaged(): void {
  withLock(() => {
    if (staleBy().length === 0) return;
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['infra/deploy/package.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: PACKAGE_TIMEOUT_MS,
    });
    if (res.status !== 0 || !existsSync(TEMPLATE)) {
      throw new Error(
        `npm run package failed (exit ${res.status ?? res.signal}):\n${(res.stdout + res.stderr).slice(-4000)}`,
      );
    }
  });
}
