// Rebuilds demo/daily-papers.jsonl.gz from the shared real-data files: the last 120 days of Hugging
// Face Daily Papers (hf-daily-papers.jsonl.gz), with arXiv's categories, author comment and update
// date joined in from arxiv-metadata.jsonl.gz where the id is there. Same inputs, same bytes.
//
//   node --import tsx scripts/build-demo.ts [DATA_DIR] [--out FILE]
//   DATA_DIR: default $PAPERBOY_SHARED_DATA or ../shared/data; FILE: default demo/daily-papers.jsonl.gz
import { createReadStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip, gzipSync } from 'node:zlib';

const DAYS = 120;
const args = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const dataDir = resolve(args.positionals[0] ?? process.env.PAPERBOY_SHARED_DATA ?? join(import.meta.dirname, '../../shared/data'));
const out = resolve(args.values.out ?? join(import.meta.dirname, '../demo/daily-papers.jsonl.gz'));

type Row = Record<string, unknown> & { arxiv_id: string };

async function* rows(file: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(join(dataDir, file)).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Row;
}

const history: Row[] = [];
for await (const row of rows('hf-daily-papers.jsonl.gz')) history.push(row);
const last = history.map((r) => String(r.daily_date)).sort().at(-1)!;
const first = new Date(Date.parse(`${last}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const demo = history.filter((r) => String(r.daily_date) >= first);

const arxiv = new Map<string, Row>();
const wanted = new Set(demo.map((r) => r.arxiv_id));
for await (const row of rows('arxiv-metadata.jsonl.gz')) if (wanted.has(row.arxiv_id)) arxiv.set(row.arxiv_id, row);

// Hugging Face's title, authors, abstract and publication date stay (they are what its pages showed);
// arXiv adds what Hugging Face's API leaves out. Its update date is only exact when it came from the arXiv API.
const lines = demo.map((hf) => {
  const ax = arxiv.get(hf.arxiv_id);
  const line = {
    arxiv_id: hf.arxiv_id,
    title: hf.title,
    authors: hf.authors,
    abstract: hf.abstract,
    categories: ax?.categories,
    published_at: hf.published_at ?? (ax?.published_at_source === 'arxiv_api' ? ax.published_at : null),
    updated_at: ax?.published_at_source === 'arxiv_api' ? ax.updated_at : null,
    comment: ax?.comment,
    daily_date: hf.daily_date,
    upvotes: hf.upvotes,
    github_url: hf.github_url,
    num_comments: hf.num_comments,
  };
  // Unknown fields are left out rather than written as null: the file stays small.
  return JSON.stringify(line, (_key, value: unknown) => (value === null ? undefined : value));
});

writeFileSync(out, gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`${out}: ${lines.length} papers listed ${first} … ${last}; ${arxiv.size} with arXiv categories`);
