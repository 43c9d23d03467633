// The card on a list and the paper page say a paper's comments the same way: those here link to the
// thread, those counted on Hugging Face (imported, never copied) say so and link there. The API's
// numComments stays the total, as Hugging Face's does.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser } from '../../../test/accounts.ts';
import { DATA, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { importFile } from '../../ingest/importer.ts';

const DAY = '2026-08-21';
const SAMPLE = join(DATA, `hf-api-samples/daily_papers-${DAY}.json`);
const ONE_ON_HF = '2608.20336'; // numComments 1 in the sample
const NONE = '2608.19891'; // numComments 0

describe.each(DATABASES)('comment counts on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let token: string;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await importFile(t.db, SAMPLE);
    token = await apiToken(t, await buildUser(t, { username: 'reader' }));
  });
  afterAll(() => t.close());

  /** The comment links in a paper's card on its day's list, as "text -> href". */
  const cardLinks = async (id: string) => {
    const page = await (await app.request(`/papers/date/${DAY}`)).text();
    const card = page.split('<li class="card">').find((c) => c.includes(`<span>arXiv:${id}</span>`))!;
    return [...card.matchAll(/<a href="([^"]+)"[^>]*>([^<]*comment[^<]*|[^<]*Hugging Face)<\/a>/g)].map((m) => `${m[2]} -> ${m[1]}`);
  };
  const section = async (id: string) => {
    const page = await (await app.request(`/papers/${id}`)).text();
    return page.slice(page.indexOf('<section class="comments"'), page.indexOf('</section>', page.indexOf('<section class="comments"')));
  };
  const apiCount = async (id: string) =>
    ((await (await app.request(`/api/daily_papers?date=${DAY}`)).json()) as { paper: { id: string }; numComments: number }[]).find((p) => p.paper.id === id)!.numComments;

  it('says a comment that lives on Hugging Face is there, on the card and on the page, and links there', async () => {
    expect(await cardLinks(ONE_ON_HF)).toEqual([`1 comment on Hugging Face -> https://huggingface.co/papers/${ONE_ON_HF}`]);
    const s = await section(ONE_ON_HF);
    expect(s).toContain('<h2 id="comments">Comments</h2>');
    expect(s).toContain(`<p class="elsewhere">This paper has 1 comment on Hugging Face, not shown here: <a href="https://huggingface.co/papers/${ONE_ON_HF}" rel="noopener">read it on Hugging Face</a>.</p>`);
    expect(s).toContain('<p class="empty">No comments here yet.</p>');
    expect(s).not.toMatch(/0 comments|more comment/);
    expect(await apiCount(ONE_ON_HF)).toBe(1);
  });

  it('counts a comment written here apart from the one on Hugging Face, the same on card and page', async () => {
    const res = await app.request(`/api/papers/${ONE_ON_HF}/comments`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Written here' }),
    });
    expect(res.status).toBe(201);
    expect(await cardLinks(ONE_ON_HF)).toEqual([
      `1 comment -> /papers/${ONE_ON_HF}#comments`,
      `1 more on Hugging Face -> https://huggingface.co/papers/${ONE_ON_HF}`,
    ]);
    const s = await section(ONE_ON_HF);
    expect(s).toContain('<h2 id="comments">Comments <span class="count">1 comment</span></h2>');
    expect(s).toContain('<p class="elsewhere">1 more comment is on Hugging Face, not shown here:');
    expect(s).toContain('<p>Written here</p>');
    expect(s).not.toContain('No comments');
    expect(await apiCount(ONE_ON_HF)).toBe(2);
  });

  it('links a paper without comments anywhere to its empty thread here', async () => {
    expect(await cardLinks(NONE)).toEqual([`0 comments -> /papers/${NONE}#comments`]);
    const s = await section(NONE);
    expect(s).toContain('<h2 id="comments">Comments</h2>');
    expect(s).not.toContain('Hugging Face');
    expect(s).toContain('No comments here yet.');
  });
});
