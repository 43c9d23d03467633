// Importing the same papers again in a format that says less must not erase what a richer one stored,
// whichever comes first: checked through the JSON API, as a client sees it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA, DATABASES, HF_SAMPLE, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import { importFile } from './importer.ts';

const RICH = join(DATA, 'hf-api-samples/daily_papers-2026-08-21.json');
const IDS = ['2608.19880', '2608.18580', '2608.14022'];

/** The same papers as the `paperboy` format holds them: dates without times, names without ids, no submitter. */
function poorLines(path: string, ids: string[]): string {
  const items = (JSON.parse(readFileSync(path, 'utf8')) as any[]).filter((i) => ids.includes(i.paper.id));
  return items
    .map(({ paper, numComments }) =>
      JSON.stringify({
        arxiv_id: paper.id, title: paper.title, abstract: paper.summary, authors: paper.authors.map((a: any) => a.name),
        published_at: paper.publishedAt.slice(0, 10), daily_date: paper.submittedOnDailyAt.slice(0, 10),
        upvotes: paper.upvotes, github_url: paper.githubRepo ?? null, num_comments: numComments,
      }),
    )
    .join('\n');
}

describe.each(DATABASES)('re-importing in another format on $name', ({ name }) => {
  let t: TestEnv;
  let poor: string;
  beforeEach(async () => {
    t = await testEnv(name);
    poor = join(t.dir, 'poor.jsonl');
    writeFileSync(poor, poorLines(RICH, IDS));
  });
  afterEach(async () => t.close());

  const api = async (path: string) => {
    const res = await testApp(t).request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as any;
  };
  const items = async (date: string) => new Map(((await api(`/api/daily_papers?date=${date}&limit=100`)) as any[]).map((i) => [i.paper.id, i]));

  async function expectRich() {
    const paper = await api('/api/papers/2608.14022');
    expect(paper).toMatchObject({
      publishedAt: '2026-08-14T07:13:34.000Z',
      submittedOnDailyAt: '2026-08-21T00:00:00.000Z',
      submittedOnDailyBy: { _id: '65df4f5af3efe60b06ea1409', user: 'asdfo123', fullname: 'Xinye Li' },
      projectPage: 'https://asdfo123.github.io/ForgeWM/',
      githubRepo: 'https://github.com/asdfo123/ForgeWM',
      discussionId: '6a829cdfb601d59c652814e2',
      ai_summary: expect.stringMatching(/^ForgeWM progressively distills/),
    });
    expect(paper).toMatchObject({ githubStars: 76, githubRepoAddedBy: 'user', ai_summary_model: 'thinkingmachines/Inkling-Small' });
    // The first author claimed the paper on Hugging Face: the claim stays when a source without author ids follows.
    expect(paper.authors[0]).toMatchObject({ _id: '6a829cdfb601d59c652814d7', name: 'Xinye Li', hidden: false, status: 'claimed_verified', user: { user: 'asdfo123' } });
    expect((await api('/api/papers/2608.19880')).submittedOnDailyBy).toMatchObject({ user: 'taesiri' });
    const day = await items('2026-08-21');
    expect(day.get('2608.19880')).toMatchObject({
      submittedBy: { _id: '6039478ab3ecf716b1a5fd4d', name: 'taesiri', isPro: true },
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2608.19880.png',
      numComments: 1,
    });
    expect(day.get('2608.18580')).toMatchObject({ submittedBy: { name: 'KouShi2' }, publishedAt: '2026-08-18T20:00:00.000Z', isAuthorParticipating: true });
  }

  it('keeps what the hf-api import stored when the paperboy format follows', async () => {
    await importFile(t.db, RICH);
    expect(await importFile(t.db, poor)).toMatchObject({ format: 'paperboy', records: 3, unchanged: 3, listed: 0 });
    await expectRich();
  });

  it('fills in what the paperboy format lacked when the hf-api import follows', async () => {
    await importFile(t.db, poor);
    expect((await api('/api/papers/2608.14022')).publishedAt).toBe('2026-08-14T00:00:00.000Z');
    await importFile(t.db, RICH);
    await expectRich();
  });

  it('keeps the exact listing time when a date-only record names the same day', async () => {
    await importFile(t.db, HF_SAMPLE);
    writeFileSync(poor, poorLines(HF_SAMPLE, ['2508.02324']));
    await importFile(t.db, poor);
    const item = (await items('2025-08-05')).get('2508.02324');
    expect(item.paper).toMatchObject({ publishedAt: '2025-08-04T11:49:20.000Z', submittedOnDailyAt: '2025-08-05T04:39:37.929Z' });
    expect(item.submittedBy).toMatchObject({ name: 'LooperXX', fullname: 'Xiao Xu' });
  });

  it('takes what a record carries: new counts, links, categories and an earlier listing day', async () => {
    await importFile(t.db, RICH);
    writeFileSync(
      poor,
      JSON.stringify({
        arxiv_id: '2608.14022', title: 'ForgeWM (v2)', authors: ['Xinye Li', 'Someone New'], categories: ['cs.CV', 'cs.AI'],
        published_at: '2026-08-13', daily_date: '2026-08-20', upvotes: 40, github_url: 'https://github.com/forge/wm', num_comments: 5,
      }),
    );
    await importFile(t.db, poor);
    const paper = await api('/api/papers/2608.14022');
    expect(paper).toMatchObject({
      title: 'ForgeWM (v2)', upvotes: 40, githubRepo: 'https://github.com/forge/wm', projectPage: 'https://asdfo123.github.io/ForgeWM/',
      publishedAt: '2026-08-13T00:00:00.000Z', submittedOnDailyAt: '2026-08-20T00:00:00.000Z', submittedOnDailyBy: { user: 'asdfo123' },
    });
    expect(paper.authors.map((a: any) => a.name)).toEqual(['Xinye Li', 'Someone New']);
    expect(paper.authors[0]._id).toBe('6a829cdfb601d59c652814d7');
    expect((await items('2026-08-20')).get('2608.14022')).toMatchObject({ numComments: 5, submittedBy: { name: 'asdfo123' } });
    const page = await (await testApp(t).request('/papers/2608.14022')).text();
    expect(page).toContain('cs.CV');
  });
});
