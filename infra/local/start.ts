// `npm start`: the embedded store persisted under DATA_DIR, the real handlers behind the local gateway, scheduled
// functions on their rates, stream functions on the store's changes, and the H5 build, all on http://127.0.0.1:$PORT.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { H5_DIR, buildH5IfStale } from './h5';
import { LocalGateway, loadHandler } from './gateway';
import { seedDemoData } from './seed';
import { createAppServer } from './server';
import { ROOT, scheduledFunctions } from './serverlessConfig';
import { ensureTable, startEmbeddedStore } from './store';
import { startStreamConsumers } from './streams';

function secretFile(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });

  process.env.TABLE_NAME ??= 'red-circle-local';
  process.env.AUTH_PROVIDER ??= 'local';
  process.env.ADMIN_OPENIDS ??= 'admin';
  process.env.LOG_LEVEL ??= 'warn';
  // These machines run Node 20 on purpose (Lambda runs 24); the SDK's upgrade notice is noise locally.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.TOKEN_SECRET ??= secretFile(dataDir, 'token-secret', () => randomBytes(32).toString('hex'));
  process.env.QR_KEYS ??= `v1:${secretFile(dataDir, 'qr-key', () => randomBytes(32).toString('hex'))}`;

  const store = await startEmbeddedStore({ path: path.join(dataDir, 'dynamodb') });
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  const created = await ensureTable(store.endpoint, process.env.TABLE_NAME);
  // Functions on the table's stream (the dashboard's sign-up figures) get the store's changes as Lambda would,
  // from the first write on (the demo data's too).
  await startStreamConsumers(store.changes);
  if (created && process.env.SEED !== '0') {
    console.log('首次启动：写入演示数据…');
    await seedDemoData((line) => console.log(line));
  }

  // Scheduled functions (sweepers, reminders, auto check-out) run once at start-up, then on their rate.
  for (const job of scheduledFunctions()) {
    const handler = await loadHandler(job.handler);
    const run = () =>
      (handler as unknown as (e: unknown) => Promise<unknown>)({
        source: 'local.schedule',
        'detail-type': 'Scheduled Event',
      }).catch((err) => console.error(`scheduled ${job.functionName} failed`, err));
    void run();
    setInterval(run, Math.min(job.everyMs, 60_000)).unref();
  }

  const gateway = new LocalGateway();
  const server = createAppServer(gateway, H5_DIR);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.log(
    `红色商圈 running at http://127.0.0.1:${port}  (API: /v1, ${gateway.routeCount()} routes; data: ${dataDir})`,
  );
  console.log('登录：在登录页输入任意账号（如 admin 为管理员，或 zhangsan），即本地登录码 dev:<账号>');

  // The API answers at once; the H5 app is (re)built beside it when its sources changed, and the page says so meanwhile.
  if (process.env.SKIP_H5_BUILD !== '1') {
    buildH5IfStale((line) => console.log(line)).catch((err) => console.error('H5 构建失败：', err.message));
  }

  const shutdown = () => {
    server.close();
    void store.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
