// The Hugging Face item shape as its clients read it: every item names its submitter (a stand-in
// when the source did not), carries the item's own publishedAt and isAuthorParticipating as imported,
// and what Hugging Face said beyond arXiv (stars, claims, media) survives another source's update.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATA, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import { importFile } from '../../ingest/importer.ts';

const HF_0821 = join(DATA, 'hf-api-samples/daily_papers-2026-08-21.json');
const PROFILE_KEYS = ['_id', 'avatarUrl', 'fullname', 'isPro', 'name', 'type'];
const USER_KEYS = [...PROFILE_KEYS, 'isHf', 'isHfAdmin', 'isMod', 'isUserFollowing'].sort();
const ITEM_KEYS = ['isAuthorParticipating', 'numComments', 'paper', 'publishedAt', 'submittedBy', 'summary', 'thumbnail', 'title'];
const without = (o: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

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
      // organization and mediaUrls only when there is one, as Hugging Face sends them.
      expect(Object.keys(without(item, 'organization', 'mediaUrls')).sort()).toEqual(ITEM_KEYS);
      expect(item.organization).toEqual(item.paper.organization);
      expect(item.mediaUrls).toEqual(item.paper.mediaUrls);
      expect(Object.keys(without(item.submittedBy, 'followerCount')).sort()).toEqual(USER_KEYS);
      expect(item.submittedBy.isUserFollowing).toBe(false);
      const profile = without(item.submittedBy, 'isHf', 'isHfAdmin', 'isMod', 'isUserFollowing', 'followerCount');
      expect(item.paper.submittedOnDailyBy).toEqual({ ...profile, user: item.submittedBy.name });
    }
    expect(items.filter((i) => i.organization).length).toBe(17);
    expect(items.filter((i) => i.mediaUrls).map((i) => i.paper.id).sort()).toEqual(['2608.14022', '2608.20202', '2608.20281', '2608.20335']);
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
      submittedBy: { name: '(unknown)', fullname: 'Unknown submitter', avatarUrl: 'http://paperboy.test/static/favicon.svg', type: 'user', isPro: false, isHf: false, isHfAdmin: false, isMod: false, isUserFollowing: false },
    });
    // Nothing known: no follower count, organization, media or stars rather than invented ones.
    expect('followerCount' in item.submittedBy).toBe(false);
    for (const key of ['organization', 'mediaUrls']) expect(key in item).toBe(false);
    for (const key of ['organization', 'mediaUrls', 'githubStars', 'githubRepoAddedBy', 'ai_summary_model']) expect(key in item.paper).toBe(false);
    expect(item.paper.authors).toEqual([{ _id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'A. B.', hidden: false }]);
    expect((await get('/api/papers/2608.20999')).submittedOnDailyBy).toMatchObject({ user: '(unknown)', name: '(unknown)' });
    const unknown = (await get(`/api/daily_papers?submitter=${encodeURIComponent('(unknown)')}`)) as any[];
    expect(unknown.map((i) => i.paper.id)).toEqual(['2608.20999']);
    expect(((await get('/api/daily_papers?submitter=KouShi2')) as any[]).map((i) => i.paper.id)).toEqual(['2608.18580']);
  });

  it('keeps the stars, author claims, media and summary model when another source updates the paper', async () => {
    const file = join(t.dir, 'update.jsonl');
    const authors = (await get('/api/papers/2608.14022')).authors.map((a: any) => a.name);
    writeFileSync(file, JSON.stringify({ arxiv_id: '2608.14022v2', title: 'ForgeWM, second version', abstract: 'y', authors, github_url: 'https://github.com/asdfo123/ForgeWM' }));
    await importFile(t.db, file);
    const paper = await get('/api/papers/2608.14022');
    expect(paper).toMatchObject({ title: 'ForgeWM, second version', githubStars: 76, githubRepoAddedBy: 'user', ai_summary_model: 'thinkingmachines/Inkling-Small' });
    expect(paper.mediaUrls).toEqual(['https://cdn-uploads.huggingface.co/production/uploads/65df4f5af3efe60b06ea1409/24zQVmFj2pY1wQeypzqqf.png']);
    const claimed = paper.authors.filter((a: any) => a.user);
    expect(claimed.length).toBeGreaterThan(0);
    for (const a of claimed) expect(a).toMatchObject({ status: expect.any(String), statusLastChangedAt: expect.any(String), user: { user: expect.any(String) } });

    // Another repository: the stars and who linked it described the old one.
    writeFileSync(file, JSON.stringify({ arxiv_id: '2608.14022', title: 'ForgeWM, second version', github_url: 'https://github.com/someone/else' }));
    await importFile(t.db, file);
    const moved = await get('/api/papers/2608.14022');
    expect(moved.githubRepo).toBe('https://github.com/someone/else');
    expect('githubStars' in moved || 'githubRepoAddedBy' in moved).toBe(false);
  });

  it('leaves the listing fields out of a paper that was never listed, as Hugging Face does', async () => {
    const paper = await get('/api/papers/2608.20998');
    expect(paper.title).toBe('Fetched from arXiv, never listed');
    expect('submittedOnDailyBy' in paper).toBe(false);
    expect('submittedOnDailyAt' in paper).toBe(false);
  });
});
