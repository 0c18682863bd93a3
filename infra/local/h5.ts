// Builds the H5 app when miniapp/dist/h5 is missing or older than any source it is built from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './serverlessConfig';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export async function buildH5IfStale(log: (line: string) => void): Promise<void> {
  const index = path.join(ROOT, 'miniapp', 'dist', 'h5', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourceAt = Math.max(newestMtime(path.join(ROOT, 'miniapp')), newestMtime(path.join(ROOT, 'shared')));
  if (builtAt >= sourceAt) return;
  log('构建 H5 应用（首次约 30 秒）…');
  const result = spawnSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('H5 build failed');
}
