// harvest_records_per_s: harvest() of 5 OAI-PMH pages × 1000 arXivRaw records (arXiv's page size),
// built from real metadata and served from 127.0.0.1, into a fresh SQLite database without pacing.
// Baselines in the same run: parsing the same pages only (parseOaiPage), and bare XML parsing.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { harvest } from '../src/arxiv/harvest.ts';
import { parseOaiPage } from '../src/arxiv/oai.ts';
import { openDatabase } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { DATA, report, scratchDir } from './_support.ts';

const PAGES = 5;
const PER_PAGE = 1000;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Row { arxiv_id: string; title: string; abstract: string; authors: string[]; categories: string[]; comment: string | null }

async function rows(n: number): Promise<Row[]> {
  const out: Row[] = [];
  const lines = createInterface({ input: createReadStream(join(DATA, 'arxiv-metadata.jsonl.gz')).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    out.push(JSON.parse(line) as Row);
    if (out.length >= n) break;
  }
  return out;
}

function page(records: Row[], index: number): string {
  const body = records.map((r) => `<record><header><identifier>oai:arXiv.org:${r.arxiv_id}</identifier><datestamp>2025-12-01</datestamp><setSpec>cs</setSpec></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>${r.arxiv_id}</id><submitter>${esc(r.authors[0]!)}</submitter>
<version version="v1"><date>Mon, 1 Dec 2025 10:00:00 GMT</date><size>100kb</size><source_type>D</source_type></version>
<version version="v2"><date>Tue, 2 Dec 2025 10:00:00 GMT</date><size>120kb</size><source_type>D</source_type></version>
<title>${esc(r.title)}</title><authors>${esc(r.authors.join(', '))}</authors><categories>${r.categories.filter((c) => /^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)).join(' ')}</categories>
${r.comment ? `<comments>${esc(r.comment)}</comments>` : ''}<abstract>  ${esc(r.abstract)}\n</abstract></arXivRaw></metadata></record>`).join('\n');
  const token = index + 1 < PAGES ? `bench|${index + 1}` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-12-08T10:00:00Z</responseDate><request verb="ListRecords">http://oaipmh.arxiv.org/oai</request>
<ListRecords>${body}<resumptionToken cursor="${index * PER_PAGE}" completeListSize="${PAGES * PER_PAGE}">${token}</resumptionToken></ListRecords></OAI-PMH>`;
}

const data = await rows(PAGES * PER_PAGE);
const pages = Array.from({ length: PAGES }, (_, i) => page(data.slice(i * PER_PAGE, (i + 1) * PER_PAGE), i));
const megabytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0) / 1e6;

const timed = (fn: () => void) => {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
};
const bare = new XMLParser({ ignoreAttributes: false });
const bareSeconds = timed(() => pages.forEach((p) => bare.parse(p)));
const parseSeconds = timed(() => pages.forEach((p) => parseOaiPage(p)));

const server = createServer((req, res) => {
  const token = new URL(req.url!, 'http://x').searchParams.get('resumptionToken');
  res.writeHead(200, { 'content-type': 'text/xml' }).end(pages[token ? Number(token.split('|')[1]) : 0]);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const dir = scratchDir();
try {
  const db = await openDatabase(process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, 'harvest.db'));
  await migrate(db);
  const oaiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
  const started = performance.now();
  const result = await harvest(db, { oaiUrl, baseUrl: 'http://bench' }, { from: '2025-12-01', minIntervalMs: 0 });
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  const perSecond = (n: number, s: number) => Math.round(n / s);
  report({
    name: 'harvest_records_per_s', value: perSecond(result.records, seconds), unit: 'records/s', records: result.records, pages: result.pages,
    megabytes: Number(megabytes.toFixed(1)), seconds: Number(seconds.toFixed(2)),
    baseline: { name: 'oai_parse_records_per_s', value: perSecond(PAGES * PER_PAGE, parseSeconds) },
  });
  report({ name: 'oai_parse_records_per_s', value: perSecond(PAGES * PER_PAGE, parseSeconds), unit: 'records/s', baseline: { name: 'bare_xml_parse_records_per_s', value: perSecond(PAGES * PER_PAGE, bareSeconds) } });
} finally {
  server.close();
  dir.remove();
}
