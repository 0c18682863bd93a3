// `npm run reconcile`: runs the events reconciliation once against the local store in DATA_DIR (default .data/):
// settles intents left by crashed requests, recounts seats and waiting lists, promotes into free seats.
// `npm start` already runs it every 5 minutes (scheduled functions); use this when the server is stopped.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './serverlessConfig';
import { ensureTable, startEmbeddedStore } from './store';
import { startStreamConsumers } from './streams';

async function main(): Promise<void> {
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
  process.env.TABLE_NAME ??= 'red-circle-local';
  process.env.LOG_LEVEL ??= 'warn';
  const secret = path.join(dataDir, 'token-secret');
  process.env.TOKEN_SECRET ??= existsSync(secret)
    ? readFileSync(secret, 'utf8').trim()
    : 'unused-by-reconcile';
  let store;
  try {
    store = await startEmbeddedStore({ path: path.join(dataDir, 'dynamodb') });
  } catch (err) {
    console.error(`无法打开 ${dataDir}（服务是否正在运行？运行中的服务每 5 分钟自动对账）`, err);
    process.exit(1);
  }
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  await ensureTable(store.endpoint, process.env.TABLE_NAME);
  // What the repairs change reaches the stream functions (a finished cancel takes its children back).
  const streams = await startStreamConsumers(store.changes);
  const { reconcileAllEvents } = await import('../../functions/events/reconcileService');
  const staleAfterMs = process.env.STALE_AFTER_MS ? Number(process.env.STALE_AFTER_MS) : undefined;
  const reports = await reconcileAllEvents({ staleAfterMs });
  for (const r of reports) {
    const repaired = r.intentsSettled > 0 || r.recounted || r.promoted > 0;
    console.log(
      `${repaired ? '已修复' : '正常  '} ${r.eventId}  seatsTaken ${r.seatsTaken.before}→${r.seatsTaken.after}  ` +
        `waitlist ${r.waitlistCount.before}→${r.waitlistCount.after}  intents settled ${r.intentsSettled}  promoted ${r.promoted}`,
    );
  }
  console.log(`对账完成：${reports.length} 个活动`);
  await streams.settled();
  await streams.stop();
  await store.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
