// digests_per_s: compose and send 10,000 daily digests (one real Daily Papers day of 36 papers each)
// to an SMTP server on 127.0.0.1, through the production code (composeDigests + deliverPending).
// Baseline in the same run: the same SMTP pool sending one already-rendered digest 10,000 times.
// Also the peak memory (RSS) during the run, next to the process's size just before it. PAPERBOY_BENCH_DATABASE=postgres://… runs it on PostgreSQL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { activeSubscriptions, confirmSubscription, insertSubscription } from '../src/db/subscriptions.ts';
import { importFile } from '../src/ingest/importer.ts';
import { createLogger } from '../src/log.ts';
import { deliverPending } from '../src/mail/deliver.ts';
import { composeDigests } from '../src/mail/digests.ts';
import { previewDigest } from '../src/mail/preview.ts';
import { openMailer } from '../src/mail/transport.ts';
import { DATA, report, scratchDir } from './_support.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const DAY = '2026-05-19';

async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_smtp-sink.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const port = Number(/port (\d+)/.exec((await lines.next()).value)![1]);
  return {
    url: `smtp://127.0.0.1:${port}`,
    async received(): Promise<number> {
      child.stdin!.write('?\n');
      return Number(/received (\d+)/.exec((await lines.next()).value)![1]);
    },
    stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.stdin!.end())),
  };
}

/** A throwaway schema on the PostgreSQL server, so the benchmark leaves nothing behind. */
async function freshSchema(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin(`drop schema ${schema} cascade`) };
}

const dir = scratchDir();
const sink = await startSink();
const pgBase = process.env.PAPERBOY_BENCH_DATABASE;
const schema = pgBase ? await freshSchema(pgBase) : null;
const location = schema?.url ?? join(dir.path, 'bench.db');
const db = await openDatabase(location);
try {
  await migrate(db);
  const config = loadConfig({ PAPERBOY_DATABASE: location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_BASE_URL: 'https://papers.example.org', PAPERBOY_SMTP_URL: sink.url, PAPERBOY_DEMO: 'false' });
  const log = createLogger('silent');

  // One real day of the Daily Papers list, and 10,000 confirmed daily subscribers.
  const dayFile = join(dir.path, 'day.jsonl');
  const rows = gunzipSync(readFileSync(join(DATA, 'hf-daily-papers.jsonl.gz'))).toString('utf8').split('\n').filter((l) => l.includes(`"daily_date": "${DAY}"`) || l.includes(`"daily_date":"${DAY}"`));
  writeFileSync(dayFile, rows.join('\n') + '\n');
  await importFile(db, dayFile);
  const now = new Date().toISOString();
  await db.tx(async (tx) => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const s = await insertSubscription(tx, { email: `reader${i}@example.org`, cadence: 'daily', query: null, userId: null }, now);
      await confirmSubscription(tx, s.id, 'daily', DAY, now);
    }
  });

  // Baseline: the same SMTP pool sending one already-rendered digest of that day to everyone.
  const first = (await activeSubscriptions(db, 'daily'))[0]!;
  const sample = (await previewDigest({ db, config }, first))!;
  const mailer = openMailer(config);
  let started = performance.now();
  for (let i = 0; i < SUBSCRIBERS; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, (_, j) => mailer.send({ ...sample, to: `base${i + j}@example.org`, messageId: `<b${i + j}@bench>` })));
  }
  const baselineSeconds = (performance.now() - started) / 1000;
  mailer.close();
  const before = await sink.received();

  // Peak memory of the digest run itself, sampled; the baseline is the process just before it.
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  started = performance.now();
  const composed = await composeDigests({ db, config }, { cadence: 'daily' });
  const composeSeconds = (performance.now() - started) / 1000;
  const sent = await deliverPending({ db, config, log }, { ignoreBackoff: true });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const arrived = (await sink.received()) - before;
  if (composed.plans.length !== SUBSCRIBERS || sent.sent !== SUBSCRIBERS || arrived !== SUBSCRIBERS) {
    throw new Error(`expected ${SUBSCRIBERS} digests; composed ${composed.plans.length}, sent ${sent.sent}, the server got ${arrived}`);
  }
  const again = await composeDigests({ db, config }, { cadence: 'daily' });
  if (again.plans.length) throw new Error(`a second run composed ${again.plans.length} digests again`);

  const database = db.dialect;
  report({
    name: 'digests_per_s', value: Math.round(SUBSCRIBERS / seconds), unit: 'digests/s', digests: SUBSCRIBERS, papers_each: rows.length,
    seconds: Number(seconds.toFixed(1)), compose_seconds: Number(composeSeconds.toFixed(1)), database, goal: '≥ 200/s',
    baseline: { name: 'smtp_only_messages_per_s', value: Math.round(SUBSCRIBERS / baselineSeconds) },
  });
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  report({ name: 'digests_peak_rss', value: mib(peak), unit: 'MiB', database, baseline: { name: 'rss_before_the_run', value: mib(rssBefore) } });
} finally {
  await db.close();
  await schema?.drop();
  await sink.stop();
  dir.remove();
}
