// `npm run release:weapp`: the weapp build that is uploaded for review. Refuses a non-HTTPS API URL or a placeholder
// template id (config/buildEnv.ts), then builds in production mode and runs WeChat's compiler (npm run check:weapp).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { releaseProblems, weappBuildEnv } from './buildEnv';

const ROOT = path.resolve(__dirname, '..', '..');

function run(script: string, env: NodeJS.ProcessEnv): void {
  const res = spawnSync('npm', ['run', script], { cwd: ROOT, env, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`✖ npm run ${script} failed (exit ${res.status ?? res.signal})`);
    process.exit(1);
  }
}

const problems = releaseProblems(weappBuildEnv());
if (problems.length) {
  console.error(`✖ refusing to build a weapp release:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
// RC_RELEASE makes config/index.ts check again, so the build itself cannot drift from what was checked here.
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', RC_RELEASE: '1' };
run('build:weapp', env);
const outputRoot = process.env.TARO_OUTPUT_ROOT || 'dist/weapp';
run('check:weapp', { ...env, WEAPP_DIST: path.resolve(ROOT, 'miniapp', outputRoot) });
process.stdout.write('✔ weapp release built and checked\n');
