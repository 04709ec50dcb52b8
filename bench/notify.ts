// `npm run bench:notify`: a policy is published that matches 500
// subscriptions (half SMS, half email); measure the time from the publishing
// transaction until the local SMSC (the `smpp` package) and SMTP relay
// (`smtp-server`) have accepted all 500 messages. The real path end to end:
// publishEvent in a transaction, the wake-up job, the job worker, the
// dispatcher, the SMPP bind and the SMTP pool. SQLite by default;
// BENCH_PG=postgres://user@host:5432/postgres runs it on PostgreSQL, in a
// database of its own that it creates and drops.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { modules } from '../src/modules/index.ts';
import { publishEvent } from '../src/modules/notify/publish.ts';
import { subscribe } from '../src/modules/notify/subscriptions.ts';
import { startSmsc } from '../src/modules/notify/test-support/smsc.ts';
import { startSmtpPeer } from '../src/modules/notify/test-support/smtp-peer.ts';
import { closeTransports } from '../src/modules/notify/transports.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openContext } from '../src/platform/context.ts';
import { inTransaction } from '../src/platform/database/index.ts';
import { startWorker } from '../src/platform/jobs/worker.ts';
import { createLogger } from '../src/platform/logging.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const TIMEOUT_MS = 120_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

const smsc = await startSmsc();
const smtp = await startSmtpPeer({ parse: false });
const dataDir = mkdtempSync(join(tmpdir(), 'yimen-bench-notify-'));
const admin = process.env.BENCH_PG;
const dbName = `yimen_bench_${process.pid}`;
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(text).finally(() => client.end());
}
let databaseUrl: string | undefined;
if (admin) {
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}
const config = loadConfig({
  YIMEN_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  YIMEN_SMPP_URL: smsc.url,
  YIMEN_SMPP_SOURCE: '106900',
  // A local SMSC: the pace is not what is measured here (a carrier's is set per contract).
  YIMEN_SMPP_TPS: '2000',
  YIMEN_SMTP_URL: smtp.url,
  YIMEN_SMTP_FROM: '一门 <noreply@yimen.test>',
  YIMEN_SMTP_ALLOW_SELF_SIGNED: 'true',
  YIMEN_NOTIFY_QUIET_HOURS: 'off',
});
const logger = createLogger({ logLevel: 'warn' });
const ctx = await openContext(config, logger, modules, { migrate: true });

const half = Math.floor(SUBSCRIBERS / 2);
for (let i = 0; i < SUBSCRIBERS; i++) {
  const sms = i < half;
  await subscribe(ctx, {
    owner: { kind: 'organisation', id: `org-${i}` },
    targetKind: i % 2 === 0 ? 'topic' : 'issuer',
    targetValue: i % 2 === 0 ? '医疗卫生' : '市卫生健康委员会',
    channel: sms ? 'sms' : 'email',
    address: sms ? `139${String(i).padStart(8, '0')}` : `unit${i}@hospital.example.cn`,
    frequency: 'immediate',
  });
}
const worker = startWorker({ app: ctx, concurrency: config.jobConcurrency, logger });

const started = performance.now();
const result = await inTransaction(ctx.db, (trx) =>
  publishEvent(ctx, trx, {
    id: `bench:${Date.now()}`,
    kind: 'publication',
    title: '关于进一步做好基层医疗卫生机构常见病用药保障工作的通知',
    url: 'https://www.example.gov.cn/zcwj/2026/11/1126.html',
    channel: 'zcwj',
    topics: ['医疗卫生'],
    issuer: '市卫生健康委员会',
    text: '各区县卫生健康局、各医疗卫生机构：为进一步做好基层常见病、慢性病用药保障工作，现将有关事项通知如下。',
  }),
);
const committed = performance.now() - started;
let smsDone = 0;
let emailDone = 0;
while (performance.now() - started < TIMEOUT_MS) {
  const now = performance.now() - started;
  if (!smsDone && smsc.messages().length >= half) smsDone = now;
  if (!emailDone && smtp.accepted >= SUBSCRIBERS - half) emailDone = now;
  if (smsDone && emailDone) break;
  await new Promise((r) => setTimeout(r, 5));
}
const total = Math.max(smsDone, emailDone);

await worker.stop();
await closeTransports(ctx);
await ctx.db.close();
await smsc.close();
await smtp.close();
rmSync(dataDir, { recursive: true, force: true });
if (admin) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);

const smsMessages = smsc.messages();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
log(`database: ${config.dialect}`);
log(`machine: ${machine}`);
log(`queued: ${result.immediate} messages (publishing transaction ${committed.toFixed(0)} ms)`);
log(
  `SMS accepted by the SMSC: ${smsMessages.length} messages in ${smsc.submits.length} submit_sm (UCS-2, 2 parts each) after ${(smsDone / 1000).toFixed(2)} s`,
);
log(`email accepted by the relay: ${smtp.accepted} after ${(emailDone / 1000).toFixed(2)} s`);
if (!smsDone || !emailDone) {
  log(`FAILED: not all messages accepted within ${TIMEOUT_MS / 1000} s`);
  process.exit(1);
}
log(`all ${SUBSCRIBERS} accepted after ${(total / 1000).toFixed(2)} s (target < 10 s)`);
process.exit(total < 10_000 ? 0 : 1);
