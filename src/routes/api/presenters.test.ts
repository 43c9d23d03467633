// The Hugging Face item shape as its clients read it: every item names its submitter (a stand-in
// when the source did not), carries the item's own publishedAt and isAuthorParticipating as imported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATA, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import { importFile } from '../../ingest/importer.ts';

const HF_0821 = join(DATA, 'hf-api-samples/daily_papers-2026-08-21.json');
const USER_KEYS = ['_id', 'avatarUrl', 'fullname', 'isPro', 'name', 'type'];

describe.each(DATABASES)('API item shape on $name', ({ name }) => {
  let t: TestEnv;
  const get = async (path: string) => {
    const res = await testApp(t).request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as any;
  };
  beforeAll(async () => {
    t = await testEnv(name);
    await importFile(t.db, HF_0821);
    const file = join(t.dir, 'demo-like.jsonl');
    writeFileSync(file, JSON.stringify({ arxiv_id: '2608.20999', title: 'A paper without a known submitter', abstract: 'x', authors: ['A. B.'], published_at: '2026-08-20', daily_date: '2026-08-21', upvotes: 4 }));
    await importFile(t.db, file);
    await addPapers(t.db, [buildPaper({ id: '2608.20998', title: 'Fetched from arXiv, never listed' })]);
  });
  afterAll(async () => t.close());

  it('gives every item a submitter, the item publishedAt and isAuthorParticipating as Hugging Face sent them', async () => {
    const items = (await get('/api/daily_papers?date=2026-08-21&limit=100')) as any[];
    expect(items).toHaveLength(18);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['isAuthorParticipating', 'numComments', 'paper', 'publishedAt', 'submittedBy', 'summary', 'thumbnail', 'title']);
      expect(Object.keys(item.submittedBy).sort()).toEqual(USER_KEYS);
      expect(item.paper.submittedOnDailyBy).toEqual({ ...item.submittedBy, user: item.submittedBy.name });
    }
    const facet = items.find((i) => i.paper.id === '2608.18580');
    expect(facet).toMatchObject({ publishedAt: '2026-08-18T20:00:00.000Z', isAuthorParticipating: true, submittedBy: { name: 'KouShi2', fullname: 'Kou Shi' } });
    expect(facet.paper.publishedAt).toBe('2026-08-19T00:00:00.000Z');
    expect(items.filter((i) => i.isAuthorParticipating).map((i) => i.paper.id).sort()).toEqual(['2608.14022', '2608.18580']);
  });

  it('gives a listed paper found by search the same item as the daily list does', async () => {
    const listed = ((await get('/api/daily_papers?date=2026-08-21&limit=100')) as any[]).find((i) => i.paper.id === '2608.18580');
    const found = (await get('/api/papers/search?q=2608.18580')) as any[];
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ publishedAt: '2026-08-18T20:00:00.000Z', isAuthorParticipating: true });
    expect(found[0].submittedBy).toEqual(listed.submittedBy);
  });

  it('names an unknown submitter with a stand-in that ?submitter= finds', async () => {
    const item = ((await get('/api/daily_papers?date=2026-08-21&limit=100')) as any[]).find((i) => i.paper.id === '2608.20999');
    expect(item).toMatchObject({
      publishedAt: '2026-08-20T00:00:00.000Z',
      isAuthorParticipating: false,
      submittedBy: { name: '(unknown)', fullname: 'Unknown submitter', avatarUrl: 'http://paperboy.test/static/favicon.svg', type: 'user', isPro: false },
    });
    expect((await get('/api/papers/2608.20999')).submittedOnDailyBy).toMatchObject({ user: '(unknown)', name: '(unknown)' });
    const unknown = (await get(`/api/daily_papers?submitter=${encodeURIComponent('(unknown)')}`)) as any[];
    expect(unknown.map((i) => i.paper.id)).toEqual(['2608.20999']);
    expect(((await get('/api/daily_papers?submitter=KouShi2')) as any[]).map((i) => i.paper.id)).toEqual(['2608.18580']);
  });

  it('leaves the listing fields out of a paper that was never listed, as Hugging Face does', async () => {
    const paper = await get('/api/papers/2608.20998');
    expect(paper.title).toBe('Fetched from arXiv, never listed');
    expect('submittedOnDailyBy' in paper).toBe(false);
    expect('submittedOnDailyAt' in paper).toBe(false);
  });
});
