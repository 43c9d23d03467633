// day_page_rps: /papers/date/2025-08-05 with the 11k-paper Hugging Face history loaded, wrk -t2 -c32,
// beside /healthz on the same server in the same run as the baseline.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DATA, report, requireWrk, scratchDir, wrk } from './_support.ts';

requireWrk();
const BIN = join(import.meta.dirname, '../bin/paperboy.js');
const PORT = 3900 + Math.floor(Math.random() * 90);
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const dir = scratchDir();
const env = { ...process.env, PAPERBOY_DATABASE: process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, 'day.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };

for (const file of ['hf-daily-papers.jsonl.gz', 'hf-api-samples/daily_papers-2025-08-05.json']) {
  const r = spawnSync(process.execPath, [BIN, 'import', join(DATA, file)], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}
const server = spawn(process.execPath, [BIN, 'serve', '--port', String(PORT)], { env, stdio: 'inherit' });
try {
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  wrk(`${base}/papers/date/2025-08-05`, { seconds: 2 }); // warm up
  const day = wrk(`${base}/papers/date/2025-08-05`, { seconds: SECONDS });
  const health = wrk(`${base}/healthz`, { seconds: SECONDS });
  const database = env.PAPERBOY_DATABASE.startsWith('postgres') ? 'postgres' : 'sqlite';
  report({ name: 'day_page_rps', value: Math.round(day.requestsPerSecond), unit: 'requests/s', p99_ms: day.p99Ms, errors: day.errors + day.non2xx, database, connections: 32, baseline: { name: 'healthz_rps', value: Math.round(health.requestsPerSecond) }, goal: '≥ 1500 requests/s' });
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  dir.remove();
}
