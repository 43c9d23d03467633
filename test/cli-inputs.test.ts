// Bad input to the paperboy command, as people type it: each refusal is one line saying what is wrong
// and where, with the usual exit code, and leaves nothing half-done behind it.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import { hasAnyPaper } from '../src/db/papers.ts';
import { runCli } from './cli.ts';
import { HF_SAMPLE, tempDir } from './support.ts';

describe('paperboy given files it cannot use', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'inputs.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  afterAll(() => dir.remove());

  it('import checks every file it is given before importing any', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const missing = join(dir.path, 'typo.json');
    const result = await runCli(['import', HF_SAMPLE, missing], env);
    expect(result).toMatchObject({ code: 66, stdout: '', stderr: `paperboy: import: ${missing}: no such file; nothing was imported\n` });
    const folder = join(dir.path, 'a-folder');
    mkdirSync(folder);
    const directory = await runCli(['import', folder], env);
    expect(directory).toMatchObject({ code: 66, stderr: `paperboy: import: ${folder} is a directory (name the files in it); nothing was imported\n` });
    // The first file, though readable, was not imported on its own.
    const db = await openDatabase(env.PAPERBOY_DATABASE);
    try {
      expect(await hasAnyPaper(db)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('dump refuses a target it cannot write before reading the database, and leaves no partial file', async () => {
    const folder = join(dir.path, 'dumps');
    mkdirSync(folder);
    const intoFolder = await runCli(['dump', folder], env);
    expect(intoFolder).toMatchObject({ code: 73, stdout: '', stderr: `paperboy: dump: ${folder} is a directory; name a file to write\n` });
    const nowhere = join(dir.path, 'no-such-folder', 'site.jsonl');
    const missing = await runCli(['dump', nowhere], env);
    expect(missing).toMatchObject({ code: 73, stderr: `paperboy: dump: cannot write ${nowhere}: there is no folder ${join(dir.path, 'no-such-folder')}\n` });
    const underFile = join(dir.path, 'inputs.db', 'site.jsonl');
    expect((await runCli(['dump', underFile], env)).stderr).toBe(`paperboy: dump: cannot write ${underFile}: there is no folder ${join(dir.path, 'inputs.db')}\n`);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(dir.path).filter((f) => f.includes('.partial-'))).toEqual([]);
    // And a good target still gets the whole dump.
    const good = await runCli(['dump', join(folder, 'site.jsonl')], env);
    expect(good.code).toBe(0);
    expect(readdirSync(folder)).toEqual(['site.jsonl']);
  });

  it('search-run refuses a run file it cannot write before ranking anything', async () => {
    const corpus = join(dir.path, 'corpus.jsonl');
    writeFileSync(corpus, JSON.stringify({ _id: 'd1', title: 'Graphs', text: 'Graph neural networks.' }) + '\n');
    const queries = join(dir.path, 'queries.jsonl');
    writeFileSync(queries, JSON.stringify({ _id: 'q1', text: 'graph networks' }) + '\n');
    const out = join(dir.path, 'no-such-folder', 'run.txt');
    const result = await runCli(['search-run', '--corpus', corpus, '--queries', queries, '--out', out, '--ranker', 'keyword'], env);
    expect(result).toMatchObject({ code: 73, stdout: '', stderr: `paperboy: search-run: cannot write ${out}: there is no folder ${join(dir.path, 'no-such-folder')}\n` });
    const folder = await runCli(['search-run', '--corpus', corpus, '--queries', queries, '--out', dir.path, '--ranker', 'keyword'], env);
    expect(folder).toMatchObject({ code: 73, stderr: `paperboy: search-run: ${dir.path} is a directory; name a file to write\n` });
  });

  it('import --format beir says which field a document lacks or has of the wrong kind', async () => {
    const file = join(dir.path, 'corpus-bad.jsonl');
    const refusal = async (record: object) => {
      writeFileSync(file, JSON.stringify(record) + '\n');
      const r = await runCli(['import', '--format', 'beir', file], env);
      expect(r.code).toBe(65);
      return r.stderr;
    };
    expect(await refusal({ title: 'No id', text: 'x' })).toBe(`paperboy: import failed: ${file}: line 1: the document has no "_id"\n`);
    expect(await refusal({ _id: true, title: 'x' })).toBe(`paperboy: import failed: ${file}: line 1: "_id" must be a string or a number (it is a boolean)\n`);
  });
});

describe('paperboy search given bad options', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'search.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  afterAll(() => dir.remove());

  it('names the option that is wrong, as typed, and what it must be', async () => {
    const refusal = async (...args: string[]) => {
      const r = await runCli(['search', 'robot', ...args], env);
      expect(r.code).toBe(2);
      return r.stderr;
    };
    expect(await refusal('--limit', '0')).toBe('paperboy: search: --limit must be between 1 and 100\n');
    expect(await refusal('--from', '2025-13-01')).toBe('paperboy: search: --from must be a date, YYYY-MM-DD\n');
    expect(await refusal('--min-upvotes', 'many')).toBe('paperboy: search: --min-upvotes must be a number\n');
    expect(await refusal('--min-upvotes', '1.5')).toBe('paperboy: search: --min-upvotes must be a whole number\n');
    expect(await refusal('--category', 'cs LG')).toBe('paperboy: search: --category looks like cs.LG\n');
  });
});

describe('paperboy harvest given options that cannot go together', () => {
  it('refuses --resume beside the options its token already carries, before asking arXiv', async () => {
    const dir = tempDir();
    try {
      const env = { PAPERBOY_DATABASE: join(dir.path, 'h.db'), PAPERBOY_DATA_DIR: dir.path };
      const r = await runCli(['harvest', '--resume', '7200005|1001', '--from', '2025-08-01', '--set', 'cs'], env);
      expect(r).toMatchObject({
        code: 2,
        stdout: '',
        stderr: 'paperboy: harvest: --resume continues a harvest with the dates, set and metadata it began with; give it without --from, --set\n',
      });
      expect((await runCli(['harvest', '--resume', '7200005|1001', '--metadata', 'arXiv'], env)).stderr).toContain('give it without --metadata\n');
    } finally {
      dir.remove();
    }
  });
});

describe('paperboy given settings it cannot use', () => {
  it('says in words what each bad variable must be', async () => {
    const dir = tempDir();
    try {
      const env = { PAPERBOY_DATABASE: join(dir.path, 'x.db'), PAPERBOY_DATA_DIR: dir.path, PORT: 'eighty', PAPERBOY_PG_POOL: '2.5', PAPERBOY_BASE_URL: 'papers.example.org', PAPERBOY_DIGEST_HOUR: '24' };
      const result = await runCli(['config'], env);
      expect(result.code).toBe(78);
      expect(result.stderr).toBe(
        'paperboy: invalid configuration:\n' +
          '  PORT="eighty": must be a port number, 0–65535\n' +
          '  PAPERBOY_BASE_URL="papers.example.org": must be a URL like https://papers.example.org\n' +
          '  PAPERBOY_PG_POOL="2.5": must be a whole number from 1 to 1000\n' +
          '  PAPERBOY_DIGEST_HOUR="24": must be an hour from 0 to 23\n',
      );
      // A blank value is a mistake, not port 0 (any free port).
      expect((await runCli(['config'], { ...env, PORT: ' ', PAPERBOY_PG_POOL: '', PAPERBOY_BASE_URL: '', PAPERBOY_DIGEST_HOUR: '' })).stderr).toContain('PORT=" ": must be a port number, 0–65535');
    } finally {
      dir.remove();
    }
  });
});
