// /u/USERNAME through the real app on each database: a member's submissions, upvotes and comments,
// without hidden papers or hidden comments; unknown names are a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../test/accounts.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import type { User } from '../../db/users.ts';
import { claimDailyEntry } from '../../db/submissions.ts';
import { setPaperHidden } from '../../db/moderation.ts';
import { addComment } from '../../domain/comments.ts';
import { setUpvote } from '../../domain/votes.ts';

describe.each(DATABASES)('/u/USERNAME on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let ann: User;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    ann = await buildUser(t, { username: 'Ann' });
    await addPapers(t.db, [
      buildPaper({ id: '2508.10001', title: 'Submitted By Ann' }),
      buildPaper({ id: '2508.10002', title: 'Upvoted By Ann', daily: { day: '2025-08-05', submittedAt: '2025-08-05T09:00:00.000Z' } }),
      buildPaper({ id: '2508.10003', title: 'Hidden Later', daily: { day: '2025-08-05', submittedAt: '2025-08-05T09:30:00.000Z' } }),
    ]);
    await claimDailyEntry(t.db, { paperId: '2508.10001', day: '2025-08-06', submittedAt: '2025-08-06T08:00:00.000Z', userId: ann.id, username: 'Ann' }, 1);
    await setUpvote(t.db, ann.id, '2508.10002', true);
    await setUpvote(t.db, ann.id, '2508.10003', true);
    await addComment(t.db, { paperId: '2508.10002', userId: ann.id, body: 'Ann says <b>hi</b> with *emphasis*' });
    await setPaperHidden(t.db, '2508.10003', true, new Date().toISOString());
  });
  afterAll(() => t.close());

  it('lists the papers they submitted, with counts on the tabs', async () => {
    const res = await app.request('/u/Ann');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('<h1>Ann</h1>');
    expect(text).toContain('Submitted By Ann');
    expect(text).toContain('listed on <a href="/papers/date/2025-08-06">');
    expect(text).toMatch(/Upvoted <span class="count">1<\/span>/); // the hidden paper's vote is not counted
    expect(text).toMatch(/Comments <span class="count">1<\/span>/);
  });

  it('lists their upvotes without hidden papers', async () => {
    const text = await (await app.request('/u/Ann?tab=upvotes')).text();
    expect(text).toContain('Upvoted By Ann');
    expect(text).not.toContain('Hidden Later');
  });

  it('tells comments here from comments counted on Hugging Face, as the cards do', async () => {
    const bo = await buildUser(t, { username: 'Bo' });
    await addPapers(t.db, [buildPaper({ id: '2508.10004', title: 'Discussed On Hugging Face', numComments: 2, daily: { day: '2025-08-05', submittedAt: '2025-08-05T10:00:00.000Z' } })]);
    await setUpvote(t.db, bo.id, '2508.10004', true);
    const text = await (await app.request('/u/Bo?tab=upvotes')).text();
    expect(text).toContain('<a href="https://huggingface.co/papers/2508.10004" rel="noopener">2 comments on Hugging Face</a>');
    expect(text).not.toContain('href="/papers/2508.10004#comments"');
  });

  it('shows their comments rendered safely', async () => {
    const text = await (await app.request('/u/Ann?tab=comments')).text();
    expect(text).toContain('<em>emphasis</em>');
    expect(text).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(text).not.toContain('<b>hi</b>');
    expect(text).toContain('href="/papers/2508.10002#comment-');
  });

  it('redirects another letter case to the canonical name, 404s unknown names and 400s a bad tab', async () => {
    const moved = await app.request('/u/ann?tab=upvotes');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/u/Ann?tab=upvotes');
    const missing = await app.request('/u/nobody-at-all');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('there is no member called nobody-at-all');
    expect((await app.request('/u/Ann?tab=secrets')).status).toBe(400);
    expect((await app.request('/u/Ann?page=0')).status).toBe(400);
  });

  it('says so when a member has done nothing yet', async () => {
    await buildUser(t, { username: 'quiet' });
    expect(await (await app.request('/u/quiet')).text()).toContain('quiet has not submitted any papers yet.');
  });
});
