// day_page_rps: /papers/date/2025-08-05 with the 11k-paper Hugging Face history loaded, wrk -t2 -c32,
// beside /healthz on the same server in the same run as the baseline.
import { join } from 'node:path';
import { benchEnv, DATA, report, requireWrk, startBenchServer, wrk } from './_support.ts';

requireWrk();
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const bench = benchEnv('day');
for (const file of ['hf-daily-papers.jsonl.gz', 'hf-api-samples/daily_papers-2025-08-05.json']) bench.cli(['import', join(DATA, file)]);
const server = await startBenchServer(bench.env);
try {
  wrk(`${server.base}/papers/date/2025-08-05`, { seconds: 2 }); // warm up
  const day = wrk(`${server.base}/papers/date/2025-08-05`, { seconds: SECONDS });
  const health = wrk(`${server.base}/healthz`, { seconds: SECONDS });
  report({ name: 'day_page_rps', value: Math.round(day.requestsPerSecond), unit: 'requests/s', p99_ms: day.p99Ms, errors: day.errors + day.non2xx, database: bench.database, connections: 32, baseline: { name: 'healthz_rps', value: Math.round(health.requestsPerSecond) }, goal: '≥ 1500 requests/s' });
} finally {
  await server.stop();
  bench.dir.remove();
}
