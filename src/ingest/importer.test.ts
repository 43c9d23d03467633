import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, HF_SAMPLE, testEnv, type TestEnv } from '../../test/support.ts';
import { getPaper, listPapers } from '../db/daily.ts';
import { countPapers } from '../db/papers.ts';
import { ImportError, importFile } from './importer.ts';

const line = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ arxiv_id: id, title: `Paper ${id}`, abstract: 'An abstract.', authors: ['A. Author'], daily_date: '2025-08-05', upvotes: 3, ...extra });

describe.each(DATABASES)('import on $name', ({ name }) => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv(name);
  });
  afterAll(async () => t.close());

  it('imports the Hugging Face sample, and importing it again changes nothing', async () => {
    const first = await importFile(t.db, HF_SAMPLE);
    expect(first).toMatchObject({ format: 'hf-api', records: 13, inserted: 13, listed: 13 });
    const second = await importFile(t.db, HF_SAMPLE);
    expect(second).toMatchObject({ records: 13, inserted: 0, updated: 0, unchanged: 13, listed: 0 });
    const day = await listPapers(t.db, { from: '2025-08-05', to: '2025-08-05', order: 'upvotes', limit: 50 });
    expect(day.map((p) => p.upvotes)).toEqual([20, 19, 13, 12, 9, 5, 3, 3, 2, 2, 1, 1, 1]);
    expect(day[0]).toMatchObject({ id: '2508.02324', numComments: 1, daily: { day: '2025-08-05', submitterUsername: 'LooperXX' } });
  });

  it('stops at a malformed line, names it, and keeps the lines before it', async () => {
    const file = join(t.dir, 'truncated.jsonl');
    writeFileSync(file, [line('2601.00001'), line('2601.00002'), line('2601.00003'), line('2601.00004').slice(0, 40)].join('\n') + '\n');
    const error = await importFile(t.db, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/line 4: invalid JSON/);
    expect((error as ImportError).result?.records).toBe(3);
    for (const id of ['2601.00001', '2601.00002', '2601.00003']) expect(await getPaper(t.db, id)).not.toBeNull();
    expect(await getPaper(t.db, '2601.00004')).toBeNull();
  });

  it('names a record that is valid JSON but wrong', async () => {
    const file = join(t.dir, 'bad-date.jsonl');
    writeFileSync(file, [line('2602.00001'), line('2602.00002', { daily_date: '2025-02-30' })].join('\n'));
    await expect(importFile(t.db, file)).rejects.toThrow(/line 2: daily_date: "2025-02-30" is not a calendar date/);
    expect(await getPaper(t.db, '2602.00001')).not.toBeNull();
  });

  it('reads gzip transparently and reports a cut-off gzip file', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => line(`2603.${String(i).padStart(5, '0')}`)).join('\n');
    const gz = gzipSync(Buffer.from(lines));
    writeFileSync(join(t.dir, 'ok.jsonl.gz'), gz);
    expect(await importFile(t.db, join(t.dir, 'ok.jsonl.gz'))).toMatchObject({ format: 'paperboy', inserted: 50 });
    writeFileSync(join(t.dir, 'cut.jsonl.gz'), gz.subarray(0, gz.length - 30));
    await expect(importFile(t.db, join(t.dir, 'cut.jsonl.gz'))).rejects.toThrow(/ends abruptly/);
  });

  it('refuses a file of another format, saying which', async () => {
    const csv = join(t.dir, 'papers.csv');
    writeFileSync(csv, 'id,title\n2508.02324,Qwen\n');
    await expect(importFile(t.db, csv)).rejects.toThrow(/unrecognised format/);
    await expect(importFile(t.db, HF_SAMPLE, { format: 'paperboy' })).rejects.toThrow(/looks like hf-api, not paperboy/);
    await expect(importFile(t.db, join(t.dir, 'missing.jsonl'))).rejects.toThrow(/no such file/);
  });

  it('keeps what a partial record does not know, and the earliest listing day', async () => {
    const file = join(t.dir, 'partial.jsonl');
    writeFileSync(file, line('2604.00001', { daily_date: '2025-08-06', upvotes: 7, categories: ['cs.CL'] }));
    await importFile(t.db, file);
    writeFileSync(file, JSON.stringify({ arxiv_id: '2604.00001', title: 'Paper 2604.00001 (v2)', abstract: null, authors: [], daily_date: '2025-08-09', upvotes: 9 }));
    await importFile(t.db, file);
    const p = await getPaper(t.db, '2604.00001');
    expect(p).toMatchObject({ title: 'Paper 2604.00001 (v2)', abstract: 'An abstract.', upvotes: 9, categories: ['cs.CL'], daily: { day: '2025-08-06' } });
    expect(p!.authors).toEqual([{ name: 'A. Author' }]);
  });

  it('counts every paper once', async () => {
    expect(await countPapers(t.db)).toBe(13 + 3 + 1 + 50 + 1);
  });
});
