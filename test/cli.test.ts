// The paperboy command as people run it: import, config, errors, and a first start on an empty database.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import { getPaper } from '../src/db/daily.ts';
import { freePort, runCli, startServer } from './cli.ts';
import { HF_SAMPLE, tempDir } from './support.ts';

describe('paperboy CLI', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'cli.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  afterAll(() => dir.remove());

  it('imports a Hugging Face response, and a second import changes nothing', async () => {
    const first = await runCli(['import', HF_SAMPLE], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/13 records \(hf-api\): 13 new, 0 updated, 0 unchanged, 13 daily entries set/);
    const second = await runCli(['import', HF_SAMPLE], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/13 records \(hf-api\): 0 new, 0 updated, 13 unchanged, 0 daily entries set/);
    expect(first.stderr).toBe(''); // no progress bar when not on a terminal
  });

  it('stops at a truncated 4th line with a non-zero exit, keeping lines 1–3', async () => {
    const file = join(dir.path, 'truncated.jsonl');
    const line = (id: string) => JSON.stringify({ arxiv_id: id, title: `T ${id}`, abstract: 'A.', authors: ['A'], daily_date: '2025-08-06' });
    writeFileSync(file, [line('2607.00001'), line('2607.00002'), line('2607.00003'), line('2607.00004').slice(0, 25)].join('\n') + '\n');
    const result = await runCli(['import', file], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 4: invalid JSON/);
    expect(result.stderr).toContain('kept the 3 records before the error');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const db = await openDatabase(env.PAPERBOY_DATABASE);
    try {
      expect(await getPaper(db, '2607.00003')).not.toBeNull();
      expect(await getPaper(db, '2607.00004')).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('says which line has no title, and that the one record before it was kept', async () => {
    const file = join(dir.path, 'untitled.jsonl');
    writeFileSync(file, [JSON.stringify({ arxiv_id: '2607.00011', title: 'Kept' }), JSON.stringify({ arxiv_id: '2607.00012', abstract: 'No title.' })].join('\n'));
    const result = await runCli(['import', file], env);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('kept the record before the error\n');
    expect(result.stderr).toContain(`import failed: ${file}: line 2: the record has no "title"`);
  });

  it('names a wrong format and an unknown --format', async () => {
    const csv = join(dir.path, 'x.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const wrong = await runCli(['import', csv], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/unrecognised format/);
    const unknown = await runCli(['import', '--format', 'csv', csv], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown format "csv"/);
  });

  it('prints the effective configuration with secrets masked', async () => {
    const result = await runCli(['config'], { ...env, PAPERBOY_SECRET: 'x'.repeat(40), PAPERBOY_SMTP_URL: 'smtp://user:pw@127.0.0.1:2525' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PORT\s+3000$/m);
    expect(result.stdout).toMatch(/^PAPERBOY_SECRET\s+\*+$/m);
    expect(result.stdout).not.toContain('x'.repeat(40));
    expect(result.stdout).not.toContain('pw@');
  });

  it('refuses invalid settings, naming the variable', async () => {
    const result = await runCli(['config'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/PORT="eighty"/);
  });

  it('hides the password of a PostgreSQL URL, in the userinfo or the query', async () => {
    const result = await runCli(['config'], { ...env, PAPERBOY_DATABASE: 'postgres://u:dbpass@h/db' });
    expect(result.stdout).toMatch(/^PAPERBOY_DATABASE\s+postgres:\/\/u:\*\*\*@h\/db$/m);
    const query = await runCli(['config'], { ...env, PAPERBOY_DATABASE: 'postgresql://h/db?user=u&password=dbpass' });
    expect(query.stdout).toMatch(/^PAPERBOY_DATABASE\s+postgresql:\/\/h\/db\?user=u&password=\*\*\*$/m);
    for (const r of [result, query]) expect(r.stdout + r.stderr).not.toContain('dbpass');
  });

  it('hides a password given as a query parameter when the database cannot be reached', async () => {
    const result = await runCli(['migrate'], { ...env, PAPERBOY_DATABASE: 'postgres://u@127.0.0.1:1/db?password=dbpass' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('postgres://u@127.0.0.1:1/db?password=***');
    expect(result.stderr).not.toContain('dbpass');
  });

  it('refuses a database URL that is not PostgreSQL instead of taking it for a file name', async () => {
    const result = await runCli(['migrate'], { ...env, PAPERBOY_DATABASE: 'mysql://u:dbpass@x/db' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PAPERBOY_DATABASE="mysql://u:***@x/db": mysql:// databases are not supported; give a file path for SQLite or a postgres:// URL');
    expect(result.stderr).not.toContain('dbpass');
    expect(existsSync(join(process.cwd(), 'mysql:'))).toBe(false);
  });

  it('takes a sender address alone or as Name <address>, and refuses anything else', async () => {
    for (const from of ['papers@example.org', 'Daily Papers <papers@example.org>', 'paperboy <paperboy@localhost>']) {
      const ok = await runCli(['config'], { ...env, PAPERBOY_MAIL_FROM: from });
      expect(ok.stdout.split('\n'), from).toContainEqual(expect.stringMatching(new RegExp(`^PAPERBOY_MAIL_FROM +${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
    }
    for (const from of ['notanaddress', 'Papers <not an address>', 'a@b@c']) {
      const bad = await runCli(['config'], { ...env, PAPERBOY_MAIL_FROM: from });
      expect(bad.code, from).toBe(78);
      expect(bad.stderr).toContain(`PAPERBOY_MAIL_FROM=${JSON.stringify(from)}: must be an e-mail address, alone or as \`Name <address>\``);
    }
  });

  it('answers an unknown option with the command\'s usage, not a stack trace', async () => {
    const result = await runCli(['import', '--bogus', 'x'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/paperboy import: Unknown option '--bogus'/);
    expect(result.stderr).toMatch(/usage: paperboy import FILE/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers an unknown command with one line pointing to the help', async () => {
    const result = await runCli(['frobnicate'], env);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'paperboy: unknown command "frobnicate"; `paperboy help` lists the commands\n' });
  });
});

describe('first start on an empty database', () => {
  const dir = tempDir();
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ PAPERBOY_DATABASE: join(dir.path, 'fresh.db'), PAPERBOY_DATA_DIR: dir.path }, freePort());
  });
  afterAll(async () => {
    await server.stop();
    dir.remove();
  });

  it('loads the demo corpus and shows its latest day with at least ten papers', async () => {
    const body = await (await fetch(`${server.url}/`)).text();
    const cards = body.match(/<li class="card">/g) ?? [];
    expect(cards.length).toBeGreaterThanOrEqual(10);
    expect(body).toContain('Friday, August 21, 2026');
    expect(server.output()).toContain('loaded the demo corpus');
  });

  it('shows arXiv categories on paper pages, and the search filters by them', async () => {
    const page = await (await fetch(`${server.url}/papers/2604.21375`)).text();
    expect(page).toContain('<ul class="tags" aria-label="Categories"><li>cs.CL</li><li>cs.AI</li><li>cs.SE</li></ul>');
    const ids = async (query: string) => ((await (await fetch(`${server.url}/api/papers/search?${query}&limit=100`)).json()) as { paper: { id: string } }[]).map((i) => i.paper.id);
    const vision = await ids('q=diffusion&category=cs.CV');
    expect(vision.length).toBeGreaterThanOrEqual(10);
    expect(vision).toContain('2604.24575');
    const language = await ids('q=diffusion&category=cs.CL');
    expect(language).not.toContain('2604.24575');
    const html = await (await fetch(`${server.url}/search?q=diffusion&category=cs.CV`)).text();
    expect(html).toContain('href="/papers/2604.24575"');
  });

  it('does not load it again on the next start', async () => {
    await server.stop();
    server = await startServer({ PAPERBOY_DATABASE: join(dir.path, 'fresh.db'), PAPERBOY_DATA_DIR: dir.path }, freePort());
    expect(server.output()).not.toContain('loaded the demo corpus');
    expect(((await (await fetch(`${server.url}/api/daily_papers?date=2026-08-21`)).json()) as unknown[]).length).toBeGreaterThanOrEqual(10);
  });
});
