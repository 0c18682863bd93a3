// Bundle sizes of the mini-program: the weapp main package (WeChat's limit 2 MB; our budget 1 MB), each subpackage and
// the total, and the H5 JavaScript gzipped (all of it, and what the first page load fetches). Read from the dist
// folders (WEAPP_DIST / H5_DIST override them); each is built first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../../infra/local/serverlessConfig';

const WEAPP_DIR = path.resolve(ROOT, process.env.WEAPP_DIST ?? 'miniapp/dist/weapp');
const H5_DIR = path.resolve(ROOT, process.env.H5_DIST ?? 'miniapp/dist/h5');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : [full];
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function build(target: 'weapp' | 'h5', marker: string): void {
  if (existsSync(marker)) return;
  console.log(`building ${target} (missing ${path.relative(ROOT, marker)})…`);
  const started = Date.now();
  const outputRoot = path.dirname(marker);
  const result = spawnSync('npm', ['run', `build:${target}`], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: outputRoot },
  });
  if (result.status !== 0) throw new Error(`npm run build:${target} failed`);
  console.log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function weappSizes(): void {
  build('weapp', path.join(WEAPP_DIR, 'app.json'));
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const sizes = new Map<string, number>([['main package', 0], ...roots.map((r): [string, number] => [r, 0])]);
  let total = 0;
  for (const file of files(WEAPP_DIR)) {
    const rel = path.relative(WEAPP_DIR, file).split(path.sep).join('/');
    // Not shipped: devtools project files, licence notes and source maps.
    if (
      /^project(\.private)?\.config\.json$/.test(rel) ||
      rel.endsWith('.LICENSE.txt') ||
      rel.endsWith('.map')
    )
      continue;
    const size = statSync(file).size;
    total += size;
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    sizes.set(root ?? 'main package', (sizes.get(root ?? 'main package') ?? 0) + size);
  }
  console.log(`weapp (${path.relative(ROOT, WEAPP_DIR)}):`);
  for (const [name, size] of sizes) console.log(`  ${name.padEnd(28)} ${kib(size)}`);
  console.log(`  ${'total'.padEnd(28)} ${kib(total)}`);
}

function h5Sizes(): void {
  build('h5', path.join(H5_DIR, 'index.html'));
  const js = files(H5_DIR).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length;
  const all = js.reduce((sum, f) => sum + gz(f), 0);
  const raw = js.reduce((sum, f) => sum + statSync(f).size, 0);
  // What the first load fetches: the <script> tags of index.html.
  const html = readFileSync(path.join(H5_DIR, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)]
    .map((m) => path.join(H5_DIR, m[1]))
    .filter(existsSync);
  console.log(`h5 (${path.relative(ROOT, H5_DIR)}):`);
  console.log(`  JS, all chunks               ${kib(raw)} raw, ${kib(all)} gzip (${js.length} files)`);
  console.log(
    `  JS, first load               ${kib(initial.reduce((s, f) => s + gz(f), 0))} gzip (${initial.length} files)`,
  );
}

export async function run(): Promise<void> {
  weappSizes();
  h5Sizes();
}
