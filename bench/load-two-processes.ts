// load_two_processes: two `paperboy serve` processes on one PostgreSQL database holding the 11k-paper
// Hugging Face history, loaded by wrk with 64 connections in all (half per process, as a load balancer
// would spread them) for --seconds (default 60) with a mix of day pages, paper pages and searches.
// Zero errors required (exit 1 otherwise; a 30 s timeout). Baseline in the same run: /healthz under the same load.
// Usage: node --import tsx bench/load-two-processes.ts [--seconds 60] [--connections 64]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/driver.ts';
import { benchEnv, DATA, report, requireWrk, startBenchServer, wrkAsync } from './_support.ts';
import { postgresSchema, requirePostgres } from './_postgres.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '64' } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
if (!(SECONDS >= 1) || !(CONNECTIONS >= 2) || CONNECTIONS % 2) throw new Error('--seconds must be ≥ 1 and --connections an even number ≥ 2');
requireWrk();
const postgres = requirePostgres();
// Each share of a request sent: lists are the site's main pages, paper pages its long tail.
const MIX = { day: 0.45, paper: 0.4, search: 0.15 };
const QUERIES = ['diffusion', 'reinforcement learning', 'large language model reasoning', 'video generation', 'quantization',
  'retrieval augmented generation', 'benchmark', 'agents', 'vision transformer', 'speech synthesis', 'mixture of experts', 'robot manipulation'];

interface LoadResult { rps: number; p99Ms: number; errors: number; requests: number }

/** A wrk script sending GETs for paths picked at random from `paths`. */
function luaScript(paths: string[]): string {
  return `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
init = function(args) math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000)) end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
`;
}

/** Both processes loaded at once, half the connections each; p99 is the worse of the two. */
async function loadBoth(bases: string[], script: string, seconds: number): Promise<LoadResult> {
  // A 30 s timeout, like a load balancer's: slow answers count in p99, only failures are errors.
  const parts = await Promise.all(bases.map((base) => wrkAsync(base, { threads: 1, connections: CONNECTIONS / 2, seconds, script, timeout: 30 })));
  return {
    rps: parts.reduce((s, p) => s + p.requestsPerSecond, 0),
    p99Ms: Math.max(...parts.map((p) => p.p99Ms ?? Number.NaN)),
    // Answers other than 2xx/3xx are failures too.
    errors: parts.reduce((s, p) => s + p.errors + p.non2xx, 0),
    requests: parts.reduce((s, p) => s + p.requests, 0),
  };
}

function pick<T>(items: T[], n: number): T[] {
  return Array.from({ length: n }, () => items[Math.floor(Math.random() * items.length)]!);
}

const schema = await postgresSchema(postgres);
const bench = benchEnv('load', { database: schema.url });
const servers: Awaited<ReturnType<typeof startBenchServer>>[] = [];
let failed = false;
try {
  // The search model is trained before the servers start, as on a site that has been running:
  // otherwise their job runner trains it in the middle of the load.
  for (const args of [['import', join(DATA, 'hf-daily-papers.jsonl.gz')], ['import', join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json')], ['index']]) bench.cli(args);
  const db = await openDatabase(schema.url);
  const days = (await db.all<{ day: string }>('select distinct day from daily_entries')).map((r) => `/papers/date/${r.day}`);
  const papers = (await db.all<{ id: string }>('select paper_id as id from daily_entries')).map((r) => `/papers/${r.id}`);
  await db.close();
  const searches = QUERIES.map((q) => `/api/papers/search?q=${encodeURIComponent(q)}`);
  const kinds = { day: pick(days, 1000 * MIX.day), paper: pick(papers, 1000 * MIX.paper), search: pick(searches, 1000 * MIX.search) };
  const script = (name: string, paths: string[]) => {
    const file = join(bench.dir.path, `${name}.lua`);
    writeFileSync(file, luaScript(paths));
    return file;
  };
  const mixScript = script('mix', Object.values(kinds).flat());
  const healthScript = script('health', ['/healthz']);

  for (let i = 0; i < 2; i++) servers.push(await startBenchServer(bench.env));
  const bases = servers.map((s) => s.base);
  await loadBoth(bases, mixScript, Math.min(5, SECONDS)); // warm up: page caches, search model, pools
  const mix = await loadBoth(bases, mixScript, SECONDS);
  const health = await loadBoth(bases, healthScript, Math.min(15, SECONDS));
  // Each kind alone, briefly, to show which one bounds the mix.
  const byKind: Record<string, { rps: number; p99_ms: number; errors: number }> = {};
  for (const [kind, paths] of Object.entries(kinds)) {
    const alone = await loadBoth(bases, script(kind, paths), Math.min(10, SECONDS));
    byKind[kind] = { rps: Math.round(alone.rps), p99_ms: Number(alone.p99Ms.toFixed(1)), errors: alone.errors };
  }
  const common = { database: 'postgres', processes: 2, connections: CONNECTIONS, seconds: SECONDS, mix: MIX, requests: mix.requests, errors: mix.errors, by_kind: byKind };
  report({ name: 'load_two_processes_rps', value: Math.round(mix.rps), unit: 'requests/s', ...common, baseline: { name: 'healthz_two_processes_rps', value: Math.round(health.rps) }, goal: 'zero errors' });
  report({ name: 'load_two_processes_p99', value: Number(mix.p99Ms.toFixed(1)), unit: 'ms', ...common, baseline: { name: 'healthz_two_processes_p99', value: Number(health.p99Ms.toFixed(1)) } });
  if (mix.errors || health.errors) {
    process.stderr.write(`load_two_processes: ${mix.errors + health.errors} errors (socket errors, timeouts or non-2xx/3xx answers)\n`);
    failed = true;
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await schema.drop();
  bench.dir.remove();
}
process.exit(failed ? 1 : 0);
