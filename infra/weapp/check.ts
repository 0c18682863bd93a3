// `npm run check:weapp`: WeChat's own compiler, offline. miniprogram-ci compiles the weapp build (miniapp/dist/weapp,
// or $WEAPP_DIST) with its real WXML/WXSS/JS compilers and checks per-package sizes against WeChat's limits.
// Exits non-zero on any compile error or size breach. Run `npm run build:weapp` first.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { ROOT } from '../local/serverlessConfig';

const projectPath = path.resolve(ROOT, process.env.WEAPP_DIST ?? path.join('miniapp', 'dist', 'weapp'));
/** Our own budget for the main package (WeChat's limit is 2 MB). */
const MAIN_PACKAGE_BUDGET = 1024 * 1024;

/** checkCodeQuality reports sizes as `{ "__APP__": bytes, "<subpackage root>": bytes }` (older versions: a list). */
function packageSizes(detail: unknown): [string, number][] {
  if (Array.isArray(detail))
    return detail.map((d: { name?: string; size?: number }) => [d.name ?? '?', d.size ?? 0]);
  if (detail && typeof detail === 'object')
    return Object.entries(detail as Record<string, number>).map(([k, v]) => [k, Number(v)]);
  return [];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

// miniprogram-ci makes best-effort calls to WeChat's servers (e.g. the extension white-list) that fail offline and can
// surface as unhandled rejections. Those are expected here; anything else is a real failure.
const OFFLINE = /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|ECONNRESET|servicewechat\.com|getaddrinfo/;
process.on('unhandledRejection', (reason) => {
  const text = String((reason as Error)?.stack ?? reason);
  if (OFFLINE.test(text))
    console.warn(`(ignored offline network failure inside miniprogram-ci: ${text.split('\n')[0]})`);
  else fail(`unhandled rejection in miniprogram-ci: ${text}`);
});

async function main(): Promise<void> {
  if (!existsSync(path.join(projectPath, 'app.json')))
    fail(`no weapp build at ${projectPath}: run npm run build:weapp first`);

  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath,
    // A dummy key and the attr override skip the two calls to WeChat's servers.
    privateKey: 'dummy',
    ignores: ['node_modules/**/*'],
  });
  (project as unknown as { attr: () => Promise<unknown> }).attr = async () => ci.DefaultProjectAttr;

  const started = Date.now();
  let files: Record<string, string | Buffer>;
  try {
    files = await ci.getCompiledResult({
      project,
      version: '0.0.0',
      setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true },
    });
  } catch (err) {
    // The compiler quotes whole minified lines: keep each line of its message short enough to read.
    const message = String((err as Error)?.message ?? err)
      .split('\n')
      .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
      .join('\n');
    fail(`WeChat compiler rejected the build:\n${message}`);
  }
  const compiledBytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
  console.log(
    `✔ compiled ${Object.keys(files).length} files (${kib(compiledBytes)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const checks = await ci.checkCodeQuality(project);
  const sizeCheck = checks.find((c) => c.name === 'PACKAGE_SIZE_LIMIT');
  if (!sizeCheck) fail('checkCodeQuality returned no PACKAGE_SIZE_LIMIT entry');
  const sizes = packageSizes(sizeCheck.detail);
  if (sizes.length === 0) fail(`cannot read package sizes from ${JSON.stringify(sizeCheck.detail)}`);
  const mainSize = sizes.find(([name]) => name === '__APP__')?.[1];
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  console.log('package sizes (WeChat: 2 MiB per package, 20 MiB in all):');
  for (const [name, size] of sizes)
    console.log(`  ${(name === '__APP__' ? 'main package' : name).padEnd(32)} ${kib(size)}`);
  console.log(`  ${'total'.padEnd(32)} ${kib(total)}`);
  for (const c of checks.filter((c) => c.success === false))
    console.log(`  note: ${c.name}: ${c.text ?? ''}`);

  if (sizeCheck.success === false) fail(`package size limit exceeded: ${sizeCheck.text ?? ''}`);
  if (mainSize !== undefined && mainSize > MAIN_PACKAGE_BUDGET)
    fail(`main package ${kib(mainSize)} is over our ${kib(MAIN_PACKAGE_BUDGET)} budget`);
  console.log('✔ WeChat compile and size checks passed');
}

main().then(
  () => process.exit(0),
  (err) => fail(String((err as Error)?.stack ?? err)),
);
