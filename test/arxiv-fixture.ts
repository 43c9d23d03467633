// A stand-in for arXiv on 127.0.0.1: replays the recorded API and OAI-PMH responses in
// test/fixtures/arxiv/ and can be told to fail, so tests exercise paperboy's real HTTP client.
//
//   const arxiv = await startArxivFixture();
//   const t = await testEnv('sqlite', arxiv.env);          // PAPERBOY_ARXIV_API_URL + PAPERBOY_OAI_URL
//   arxiv.failNext(2, { status: 503 });                    // then the next two requests get 503
//   expect(arxiv.count('api')).toBe(3);
//   await arxiv.close();
//
// API (GET /api/query?id_list=a,b): known ids → their recorded entries in one feed; ids arXiv would
// not know → left out (all unknown → the empty feed, totalResults 0); a malformed id (2501.1234:
// too few digits after 2014) → the API's error entry with HTTP 400; FIXTURE_IDS.unavailable → 503.
// A version (2505.09814v1) is answered from a recording of that version when there is one
// (api/2505.09814v1.xml), else from the latest.
//
// Fresh papers: recordings named api/fresh/*.xml hold {{PUBLISHED}} and {{UPDATED}}, filled at
// serve time with `freshPublishedAt()` (default: one hour before Date.now(), so fake timers move it),
// for tests of the maximum paper age. FIXTURE_IDS.fresh lists them (twelve, for quota tests).
//
// OAI-PMH (GET /oai?verb=ListRecords&metadataPrefix=arXiv|arXivRaw): the recorded pages in order,
// chained by their resumptionToken; `from` after every recorded datestamp → noRecordsMatch.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArxivRef } from '../src/domain/arxiv-id.ts';

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures/arxiv');

/** Ids with a purpose in the recordings. */
export const FIXTURE_IDS = {
  /** $XX^{t}$ Can Be Faster: LaTeX in title and abstract, two versions (api/2505.09814v1.xml is v1). */
  multiVersion: '2505.09814',
  /** LaTeX (\mathcal) in the title, a GitHub link in the abstract. */
  latex: '2505.10352',
  /** Old-style id, with journal reference and DOI. */
  oldStyle: 'hep-th/9711200',
  /** Also in ../shared/data/hf-api-samples/daily_papers-2025-08-05.json, for fetch-over-import. */
  fromHfSample: '2508.02324',
  /** Well-formed, but arXiv does not know it: the empty feed. */
  unknown: '2501.99999',
  /** Always answered with 503. */
  unavailable: '2501.00503',
  /** Published one hour before "now" at serve time (see freshPublishedAt). */
  fresh: [] as string[],
};

/** An HTTP error answer; 'drop' closes the connection unanswered; 'hang' accepts it and never answers. */
export type Failure = { status: 503 | 429 | 500 | 502; retryAfter?: number } | 'drop' | 'hang';

export interface FixtureRequest {
  kind: 'api' | 'oai';
  url: string;
  status: number | 'dropped' | 'hung';
  userAgent: string | undefined;
  at: number;
}

export interface ArxivFixture {
  /** PAPERBOY_ARXIV_API_URL and PAPERBOY_OAI_URL pointing here, for testEnv(kind, env) or a child process. */
  env: { PAPERBOY_ARXIV_API_URL: string; PAPERBOY_OAI_URL: string };
  apiUrl: string;
  oaiUrl: string;
  /** Every request served, in order. */
  requests: FixtureRequest[];
  count(kind?: 'api' | 'oai'): number;
  /** Until changed, every request fails this way; null = normal. */
  mode: Failure | null;
  /** The next n requests (of one kind, or any) fail this way; later ones are answered normally. */
  failNext(n: number, failure: Failure, kind?: 'api' | 'oai'): void;
  /** The published timestamp given to the fresh papers, read at each request. */
  freshPublishedAt: () => Date;
  reset(): void;
  close(): Promise<void>;
}

const read = (path: string) => readFileSync(join(FIXTURE_DIR, path), 'utf8');
const fileKey = (id: string) => id.replace('/', '_');

function loadRecordings(): Map<string, { xml: string; fresh: boolean }> {
  const out = new Map<string, { xml: string; fresh: boolean }>();
  for (const name of readdirSync(join(FIXTURE_DIR, 'api'))) {
    if (name.endsWith('.xml') && !['empty.xml', 'error.xml'].includes(name)) out.set(name.slice(0, -4), { xml: read(`api/${name}`), fresh: false });
  }
  for (const name of readdirSync(join(FIXTURE_DIR, 'api/fresh')).sort()) {
    out.set(name.slice(0, -4), { xml: read(`api/fresh/${name}`), fresh: true });
  }
  return out;
}

const recordings = loadRecordings();
FIXTURE_IDS.fresh = [...recordings].filter(([, r]) => r.fresh).map(([key]) => key);

/** arXiv's timestamps: seconds precision, UTC, "Z". */
const atomTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function entriesOf(xml: string): string[] {
  return xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
}

function feed(query: string, entries: string[], status = 200): { status: number; body: string } {
  const q = query.replace(/&/g, '&amp;');
  const template = read('api/empty.xml');
  const body = template
    .replace(/<title type="html">[^<]*<\/title>/, `<title type="html">ArXiv Query: ${q}</title>`)
    .replace(/(<opensearch:totalResults[^>]*>)\d+/, `$1${entries.length}`)
    .replace('</feed>', `${entries.map((e) => `  ${e}\n`).join('')}</feed>`);
  return { status, body };
}

/** arXiv's id grammar: new-style numbers have 4 digits until 1412 and 5 from 1501 on. */
function wellFormed(id: string): boolean {
  const ref = parseArxivRef(id);
  if (!ref || ref.id !== id.replace(/v\d+$/, '')) return false;
  const m = /^(\d{4})\.(\d+)$/.exec(ref.id);
  return !m || m[2]!.length === (Number(m[1]) >= 1501 ? 5 : 4);
}

function apiResponse(params: URLSearchParams, fixture: ArxivFixture): { status: number; body: string } {
  const ids = (params.get('id_list') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const query = `search_query=${params.get('search_query') ?? ''}&id_list=${ids.join(',')}&start=0&max_results=${params.get('max_results') ?? 10}`;
  const bad = ids.find((id) => !wellFormed(id));
  if (bad) return { status: 400, body: read('api/error.xml').replaceAll('1234.12345', bad) };
  if (ids.some((id) => id.replace(/v\d+$/, '') === FIXTURE_IDS.unavailable)) return { status: 503, body: 'Service Unavailable' };
  const entries: string[] = [];
  for (const id of ids) {
    const ref = parseArxivRef(id)!;
    const rec = recordings.get(fileKey(id)) ?? recordings.get(fileKey(ref.id));
    if (!rec) continue;
    let xml = rec.xml;
    if (rec.fresh) {
      const published = fixture.freshPublishedAt();
      xml = xml.replaceAll('{{PUBLISHED}}', atomTime(published)).replaceAll('{{UPDATED}}', atomTime(published));
    }
    entries.push(...entriesOf(xml));
  }
  return feed(query, entries);
}

/** The recorded OAI-PMH pages for one metadata format, in order (oai/arXiv-1.xml, oai/arXiv-2.xml, …). */
function oaiPages(prefix: string): string[] {
  return readdirSync(join(FIXTURE_DIR, 'oai'))
    .filter((n) => n.startsWith(`${prefix}-`) && /-\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]))
    .map((n) => read(`oai/${n}`));
}

function oaiError(code: string, message: string): { status: number; body: string } {
  return { status: 200, body: read('oai/error.xml').replace('{{CODE}}', code).replace('{{MESSAGE}}', message) };
}

function oaiResponse(params: URLSearchParams): { status: number; body: string } {
  if (params.get('verb') !== 'ListRecords') return oaiError('badVerb', 'Illegal verb');
  const token = params.get('resumptionToken');
  if (token) {
    // A token stands for the rest of a list; find the page it leads to in either format.
    for (const prefix of ['arXiv', 'arXivRaw']) {
      const pages = oaiPages(prefix);
      const i = pages.findIndex((p) => p.includes(`>${token}</resumptionToken>`));
      if (i >= 0 && pages[i + 1]) return { status: 200, body: pages[i + 1]! };
    }
    return oaiError('badResumptionToken', `The value of the resumptionToken argument is invalid or expired.`);
  }
  const prefix = params.get('metadataPrefix') ?? '';
  const pages = oaiPages(prefix);
  if (!pages.length) return oaiError('cannotDisseminateFormat', `The metadata format identified by ${prefix} is not supported.`);
  const from = params.get('from');
  const latest = pages.flatMap((p) => [...p.matchAll(/<datestamp>([^<]+)<\/datestamp>/g)].map((m) => m[1]!)).sort().at(-1)!;
  if (from && from > latest) return oaiError('noRecordsMatch', 'The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.');
  return { status: 200, body: pages[0]! };
}

export async function startArxivFixture(options: { freshPublishedAt?: () => Date } = {}): Promise<ArxivFixture> {
  const pending: { kind?: 'api' | 'oai'; failure: Failure }[] = [];
  const server = createServer();
  const fixture: ArxivFixture = {
    env: { PAPERBOY_ARXIV_API_URL: '', PAPERBOY_OAI_URL: '' },
    apiUrl: '',
    oaiUrl: '',
    requests: [],
    count: (kind) => fixture.requests.filter((r) => !kind || r.kind === kind).length,
    mode: null,
    failNext(n, failure, kind) {
      for (let i = 0; i < n; i++) pending.push({ kind, failure });
    },
    freshPublishedAt: options.freshPublishedAt ?? (() => new Date(Date.now() - 3600_000)),
    reset() {
      fixture.requests.length = 0;
      pending.length = 0;
      fixture.mode = null;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const kind = url.pathname.startsWith('/oai') ? 'oai' : 'api';
    const log = (status: FixtureRequest['status']) =>
      fixture.requests.push({ kind, url: url.pathname + url.search, status, userAgent: req.headers['user-agent'], at: Date.now() });
    const index = pending.findIndex((p) => !p.kind || p.kind === kind);
    const failure = index >= 0 ? pending.splice(index, 1)[0]!.failure : fixture.mode;
    if (failure === 'drop') {
      log('dropped');
      req.socket.destroy();
      return;
    }
    if (failure === 'hang') {
      log('hung');
      return;
    }
    if (failure) {
      log(failure.status);
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(failure.status === 429 ? 'Rate exceeded.' : 'Service Unavailable');
      return;
    }
    const answer =
      kind === 'oai' ? oaiResponse(url.searchParams) : url.pathname === '/api/query' ? apiResponse(url.searchParams, fixture) : { status: 404, body: 'Not Found' };
    log(answer.status);
    const type = answer.status === 200 || answer.status === 400 ? (kind === 'oai' ? 'text/xml' : 'application/atom+xml') : 'text/plain';
    res.writeHead(answer.status, { 'content-type': `${type}; charset=utf-8` }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fixture.apiUrl = `http://127.0.0.1:${port}/api/query`;
  fixture.oaiUrl = `http://127.0.0.1:${port}/oai`;
  fixture.env = { PAPERBOY_ARXIV_API_URL: fixture.apiUrl, PAPERBOY_OAI_URL: fixture.oaiUrl };
  return fixture;
}
