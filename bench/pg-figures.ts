// The figures of the other benchmarks on PostgreSQL: day_page_rps (beside /healthz), the 103k-paper
// import, and search on the arXiv corpus, each run on a fresh schema of the PostgreSQL server and
// printed with "database": "postgres". Usage: node --import tsx bench/pg-figures.ts [day-page import search-arxiv]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { postgresSchema, requirePostgres } from './_postgres.ts';

const base = requirePostgres();
const ALL = ['day-page', 'import', 'search-arxiv'];
const chosen = process.argv.length > 2 ? process.argv.slice(2) : ALL;
for (const name of chosen) if (!ALL.includes(name)) throw new Error(`unknown benchmark ${name} (${ALL.join(', ')})`);

function run(name: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // PAPERBOY_BENCH_DATABASE is the database of day-page and import; PAPERBOY_BENCH_DB that of search-arxiv.
    const env = { ...process.env, PAPERBOY_BENCH_DATABASE: url, PAPERBOY_BENCH_DB: url };
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${name}.ts`)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        process.stdout.write(JSON.stringify({ ...JSON.parse(line), database: 'postgres' }) + '\n');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const name of chosen) {
  process.stderr.write(`# ${name} on PostgreSQL\n`);
  const schema = await postgresSchema(base);
  try {
    if ((await run(name, schema.url)) !== 0) failed++;
  } finally {
    await schema.drop();
  }
}
process.exit(failed ? 1 : 0);
