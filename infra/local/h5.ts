// The H5 build of the mini-program for the local runtime and the browser tests. Whether to rebuild is decided by
// content, not file times (a fresh clone has new mtimes everywhere): a hash of every source the build reads is kept
// beside the build, and a build whose hash differs is stale. A rebuild goes to a side folder and replaces the served
// one only when it succeeded, so a server keeps serving (or says it is building) meanwhile.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './serverlessConfig';

export const H5_DIR = path.join(ROOT, 'miniapp', 'dist', 'h5');
const NEXT_DIR = path.join(ROOT, 'miniapp', 'dist', 'h5-next');
const HASH_FILE = '.source-hash';

export type H5State = 'ready' | 'building' | 'failed';
let state: H5State = 'ready';

/** What the local server says while there is no build to serve. */
export function h5State(): H5State {
  return state;
}

function sourceFiles(dir: string, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else out.push(full);
  }
  return out;
}

/** sha256 over the path and content of every file the H5 build reads, and the lock file of its dependencies. */
export function h5SourceHash(): string {
  const files = [
    ...sourceFiles(path.join(ROOT, 'miniapp'), []),
    ...sourceFiles(path.join(ROOT, 'shared'), []),
    path.join(ROOT, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isH5Fresh(hash = h5SourceHash()): boolean {
  const stamp = path.join(H5_DIR, HASH_FILE);
  return (
    existsSync(path.join(H5_DIR, 'index.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash
  );
}

function runBuild(outputRoot: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:h5'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, TARO_OUTPUT_ROOT: outputRoot },
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Builds miniapp/dist/h5 unless it was built from exactly these sources; resolves when it is ready. */
export async function buildH5IfStale(log: (line: string) => void): Promise<void> {
  const hash = h5SourceHash();
  if (isH5Fresh(hash)) return;
  state = 'building';
  log('构建 H5 应用（约 1–3 分钟）…');
  try {
    rmSync(NEXT_DIR, { recursive: true, force: true });
    const code = await runBuild(path.relative(path.join(ROOT, 'miniapp'), NEXT_DIR));
    if (code !== 0 || !existsSync(path.join(NEXT_DIR, 'index.html')))
      throw new Error(`H5 build failed (exit ${code})`);
    writeFileSync(path.join(NEXT_DIR, HASH_FILE), hash);
    rmSync(H5_DIR, { recursive: true, force: true });
    renameSync(NEXT_DIR, H5_DIR);
    state = 'ready';
    log('H5 应用已构建完成');
  } catch (err) {
    state = 'failed';
    throw err;
  }
}
