// `paperboy dump` then `paperboy import` moves a whole instance: an SQLite site with papers, users,
// votes, comments and a subscription is dumped and imported into an empty database of each kind,
// and the new site answers the same pages and API documents as the old one.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { App } from '../src/app.ts';
import { importFile } from '../src/ingest/importer.ts';
import { apiToken, buildUser, PASSWORD, TestBrowser } from './accounts.ts';
import { runCli, type CliResult } from './cli.ts';
import { vectorOf } from '../src/db/vectors.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, DATABASES, HF_SAMPLE, tempDir, testApp, testEnv, type TestEnv } from './support.ts';

const DAY = '2025-08-05';
const PAGES = [
  `/api/daily_papers?date=${DAY}`,
  `/api/daily_papers?date=${DAY}&sort=trending`,
  '/papers/date/2025-08-05',
  '/papers/trending',
  '/papers/feed.xml',
];

const cliEnv = (t: TestEnv) => ({ PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' });

/**
 * "Similar papers" ranks by each database's own full-text scoring (FTS5 bm25, PostgreSQL ts_rank),
 * so that section may order papers differently across databases; everything else must be the same.
 */
function withoutSimilar(page: string): string {
  return page.replace(/<section aria-labelledby="similar"[\s\S]*?<\/section>/, '<section similar/>');
}

async function body(app: App, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await app.request(path, { headers });
  return { status: res.status, text: await res.text() };
}

async function post(app: App, path: string, token: string, json?: unknown): Promise<Response> {
  return app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

let source: TestEnv;
let sourceApp: App;
let paperId: string;
let adaToken: string;
const files = tempDir('paperboy-dump-');
const plain = `${files.path}/site.jsonl`;
const secret = `${files.path}/site-secrets.jsonl.gz`;

beforeAll(async () => {
  source = await testEnv('sqlite');
  sourceApp = testApp(source);
  await importFile(source.db, HF_SAMPLE);
  const ada = await buildUser(source, { username: 'ada' });
  const bob = await buildUser(source, { username: 'bob', password: null });
  adaToken = await apiToken(source, ada);
  const bobToken = await apiToken(source, bob);
  const list = JSON.parse((await body(sourceApp, `/api/daily_papers?date=${DAY}`)).text) as { paper: { id: string } }[];
  paperId = list.at(-1)!.paper.id; // the least upvoted: two votes lift it in the ranking
  for (const token of [adaToken, bobToken]) expect((await post(sourceApp, `/api/papers/${paperId}/upvote`, token)).status).toBe(200);
  const first = await post(sourceApp, `/api/papers/${paperId}/comments`, adaToken, { body: 'Does $x^2$ <b>scale</b>?' });
  const { id: parentId } = (await first.json()) as { id: number };
  expect((await post(sourceApp, `/api/papers/${paperId}/comments`, bobToken, { body: 'It does.', parent_id: parentId })).status).toBe(201);
  const sub = await sourceApp.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'reader@example.org', cadence: 'weekly' }) });
  expect(sub.status).toBe(202);

  const made = await runCli(['dump', plain], cliEnv(source));
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  expect(made.stdout).toMatch(/: 33 rows \(2 user, 13 paper, 0 paper_version, 13 daily_entry, 2 vote, 2 comment, 1 subscription\), without password hashes/);
  expect((await runCli(['dump', secret, '--with-secrets'], cliEnv(source))).code).toBe(0);
});
afterAll(async () => {
  await source?.close();
  files.remove();
});

describe('the dump file', () => {
  it('is JSON Lines: a header, one typed object per row, an end line with the counts', () => {
    const lines = readFileSync(plain, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'paperboy-dump', format: 1, secrets: false });
    expect(lines.at(-1)).toEqual({ type: 'end', counts: expect.objectContaining({ user: 2, paper: 13, daily_entry: 13, vote: 2, comment: 2, subscription: 1 }) });
    const ada = lines.find((l) => l.type === 'user' && l.username === 'ada');
    expect(ada).toMatchObject({ email: 'ada@example.org' });
    expect(ada).not.toHaveProperty('password_hash');
    expect(lines.some((l) => l.type === 'api_token')).toBe(false);
    const paper = lines.find((l) => l.type === 'paper' && l.id === paperId);
    expect(Array.isArray(paper.authors)).toBe(true); // JSON columns are JSON, not strings of JSON
  });

  it('keeps password hashes and API tokens with --with-secrets, gzip-compressed for a .gz name', () => {
    const lines = gunzipSync(readFileSync(secret)).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ secrets: true });
    expect(lines.find((l) => l.type === 'user' && l.username === 'ada').password_hash).toMatch(/\S{20,}/);
    expect(lines.filter((l) => l.type === 'api_token')).toHaveLength(2);
  });
});

describe.each(DATABASES)('importing the dump into an empty $name database', ({ name }) => {
  let target: TestEnv;
  let targetApp: App;
  beforeAll(async () => {
    target = await testEnv(name);
    targetApp = testApp(target);
  });
  afterAll(() => target?.close());

  it('restores everything through `paperboy import`, and a second import changes nothing', async () => {
    const first = await runCli(['import', secret], cliEnv(target));
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/\((dump)\): (\d+) new, 0 updated, 0 unchanged, 13 daily entries set/);
    const again = await runCli(['import', secret], cliEnv(target));
    expect(again.stdout).toMatch(/: (\d+) records \(dump\): 0 new, 0 updated, \1 unchanged, 0 daily entries set/);
  });

  it('serves the same pages and API documents as the site it came from', async () => {
    for (const path of [...PAGES, `/api/papers/${paperId}`, `/api/papers/${paperId}/comments`, `/papers/${paperId}`]) {
      const [before, after] = [await body(sourceApp, path), await body(targetApp, path)];
      expect({ path, status: after.status }).toEqual({ path, status: 200 });
      expect(withoutSimilar(after.text), path).toBe(withoutSimilar(before.text));
    }
    const paper = JSON.parse((await body(targetApp, `/api/papers/${paperId}`)).text);
    const thread = (await body(targetApp, `/api/papers/${paperId}/comments`)).text;
    expect(thread).toContain('It does.');
    expect(paper.upvotes).toBeGreaterThanOrEqual(2);
  });

  it('lets the moved users go on: tokens from the dump work, new rows get new ids', async () => {
    const me = await targetApp.request('/api/whoami-v2', { headers: { authorization: `Bearer ${adaToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'ada' });
    const browser = new TestBrowser(targetApp);
    await browser.get('/login');
    const login = await browser.post('/login', { username: 'ada', password: PASSWORD, next: '/settings' });
    expect(login.res.status).toBe(303); // the password hash came along
    expect((await browser.get('/settings')).text).toContain('Logged in as <a href="/u/ada">ada</a>');
    const reply = await post(targetApp, `/api/papers/${paperId}/comments`, adaToken, { body: 'Written after the move.' });
    expect(reply.status).toBe(201);
    expect(((await reply.json()) as { id: number }).id).toBe(3);
  });
});

describe('a dump without secrets', () => {
  let target: TestEnv;
  beforeAll(async () => {
    target = await testEnv('sqlite');
  });
  afterAll(() => target?.close());

  it('moves the accounts without their passwords or tokens', async () => {
    expect((await runCli(['import', plain], cliEnv(target))).code).toBe(0);
    const app = testApp(target);
    const browser = new TestBrowser(app);
    await browser.get('/login');
    expect((await browser.post('/login', { username: 'ada', password: PASSWORD })).res.status).not.toBe(303);
    expect((await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${adaToken}` } })).status).toBe(401);
    expect(JSON.parse((await body(app, `/api/papers/${paperId}`)).text)).toEqual(JSON.parse((await body(sourceApp, `/api/papers/${paperId}`)).text));
  });
});

/**
 * Imports the site's dump, with `damage` done to its lines, into a fresh empty SQLite database; each
 * test gets its own, closed when the test ends, so none depends on what another left behind.
 */
async function importDamaged(name: string, damage: (lines: string[]) => string[]): Promise<{ result: CliResult; rows: (table: string) => Promise<number> }> {
  const target = await testEnv('sqlite');
  onTestFinished(() => target.close());
  const file = `${target.dir}/${name}.jsonl`;
  writeFileSync(file, damage(readFileSync(plain, 'utf8').trimEnd().split('\n')).join('\n') + '\n');
  const result = await runCli(['import', file], cliEnv(target));
  const rows = async (table: string) => (await target.db.get<{ n: number }>(`select cast(count(*) as integer) as n from ${table}`))!.n;
  return { result, rows };
}

describe('importing a damaged dump', () => {
  it('stops at a cut-short file, names where, and keeps the lines before', async () => {
    // The header, the two users, then seven of the thirteen papers.
    const { result, rows } = await importDamaged('cut', (lines) => lines.slice(0, 10));
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(`line 11: the file ends before the dump's end line (cut short?)`);
    expect(await rows('users')).toBe(2);
    expect(await rows('papers')).toBe(7);
    expect(await rows('daily_entries')).toBe(0);
  });

  it('names a line with a column this database does not have', async () => {
    const { result, rows } = await importDamaged('bad-column', (lines) =>
      lines.map((line, i) => (i === 1 ? JSON.stringify({ ...JSON.parse(line), favourite_colour: 'blue' }) : line)),
    );
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('line 2: user has no column "favourite_colour" in this database');
    expect(await rows('users')).toBe(0);
  });
});

describe('importing a dump into a site that has a search model', () => {
  it('embeds the restored papers at once, as any import does', async () => {
    const [source, target] = [await testEnv('sqlite'), await testEnv('sqlite')];
    const dir = tempDir();
    try {
      await upsertPapers(source.db, [buildPaper({ id: '2601.09991', title: 'Restored paper about quantization' })]);
      const file = `${dir.path}/site.jsonl`;
      expect((await runCli(['dump', file], cliEnv(source))).code).toBe(0);
      await upsertPapers(target.db, topicPapers(10));
      const model = await retrain(target.db, searchEngine(target.db).semantic);
      expect(await vectorOf(target.db, model!.id, '2601.09991')).toBeNull();
      await importFile(target.db, file);
      expect(await vectorOf(target.db, model!.id, '2601.09991')).not.toBeNull();
    } finally {
      dir.remove();
      await source.close();
      await target.close();
    }
  }, 60_000);
});
