// import_papers_per_s: `paperboy import` of the 103k-paper arXiv metadata file into a fresh SQLite
// database, through the CLI. Baseline in the same run: only decompressing and JSON-parsing the file.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DATA, report, scratchDir } from './_support.ts';

const FILE = join(DATA, 'arxiv-metadata.jsonl.gz');
const BIN = join(import.meta.dirname, '../bin/paperboy.js');

async function parseOnly(): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let rows = 0;
  for await (const line of createInterface({ input: createReadStream(FILE).pipe(createGunzip()), crlfDelay: Infinity })) {
    if (line) (JSON.parse(line), rows++);
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

const dir = scratchDir();
try {
  const baseline = await parseOnly();
  const env = { ...process.env, PAPERBOY_DATABASE: process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, 'import.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, 'import', FILE], { env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  const rows = Number(/(\d+) records/.exec(run.stdout)?.[1]);
  const database = env.PAPERBOY_DATABASE.startsWith('postgres') ? 'postgres' : 'sqlite';
  report({ name: 'import_papers_per_s', value: Math.round(rows / seconds), unit: 'papers/s', papers: rows, seconds: Number(seconds.toFixed(1)), database, baseline: { name: 'parse_only_papers_per_s', value: Math.round(baseline.rows / baseline.seconds) }, goal: '103k papers in ≤ 60 s' });
} finally {
  dir.remove();
}
