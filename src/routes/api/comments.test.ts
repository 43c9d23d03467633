// Comments through the JSON API and the paper page's forms, on each database: threading, safe
// rendering, counts, editing and deleting one's own, moderation, CSRF and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser, loggedIn, TestBrowser } from '../../../test/accounts.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { commentsOfPaper, setCommentHidden } from '../../db/comments.ts';

const XSS = 'Look: <script>alert(1)</script> and <img src=x onerror=alert(2)>';

describe.each(DATABASES)('comments on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const day = '2025-08-05';
  const paper = buildPaper({ id: '2508.00010', numComments: 3, daily: { day, submittedAt: `${day}T08:00:00.000Z` } });
  const quiet = buildPaper({ id: '2508.00011', daily: { day, submittedAt: `${day}T08:00:00.000Z` } });
  const hidden = buildPaper({ id: '2508.00012', daily: { day, submittedAt: `${day}T08:00:00.000Z` } });
  let ada: { token: string; username: string; id: number };
  let alan: { token: string; username: string; id: number };

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await addPapers(t.db, [paper, quiet, hidden]);
    await t.db.run('update papers set hidden = 1 where id = ?', [hidden.id]);
    for (const who of ['ada', 'alan'] as const) {
      const user = await buildUser(t, { username: who });
      const member = { token: await apiToken(t, user), username: user.username, id: user.id };
      if (who === 'ada') ada = member;
      else alan = member;
    }
  });
  afterAll(() => t.close());

  const send = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await app.request(path, {
      method,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: res.status, headers: res.headers, body: res.status === 204 ? null : await res.json() };
  };
  const post = (id: string, body: unknown, token?: string) => send('POST', `/api/papers/${id}/comments`, body, token);
  const thread = async (id = paper.id) => (await app.request(`/api/papers/${id}/comments`)).json();
  const numComments = async (id = paper.id) =>
    ((await (await app.request(`/api/daily_papers?date=${day}`)).json()) as { paper: { id: string }; numComments: number }[]).find((p) => p.paper.id === id)?.numComments;
  const pageOf = async (id = paper.id) => (await app.request(`/papers/${id}`)).text();

  let firstId: number;
  let replyId: number;

  it('creates a comment (201 with its id), threads a reply under it, and numComments counts both', async () => {
    const first = await post(paper.id, { body: XSS }, ada.token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ parentId: null, paperId: paper.id, status: 'visible', author: { name: 'ada' }, body: XSS, editedAt: null, replies: [] });
    expect(typeof first.body.id).toBe('number');
    firstId = first.body.id;
    expect(first.headers.get('location')).toBe(`/papers/${paper.id}#comment-${firstId}`);
    const reply = await post(paper.id, { body: 'A reply with $x^2$ and [a link](https://example.org)', parent_id: firstId }, alan.token);
    expect(reply.status).toBe(201);
    replyId = reply.body.id;
    expect(reply.body.parentId).toBe(firstId);

    const json = await thread();
    expect(json).toHaveLength(1);
    expect(json[0].id).toBe(firstId);
    expect(json[0].replies.map((r: { id: number; author: { name: string } }) => [r.id, r.author.name])).toEqual([[replyId, 'alan']]);
    expect(await numComments()).toBe(3 + 2);
  });

  it('shows markup in a comment as text, never as markup, on the page and in the API\'s html', async () => {
    const page = await pageOf();
    expect(page).toContain('Look: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toMatch(/<img src=x/i);
    const [first] = await thread();
    expect(first.html).toBe('<p>Look: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt;</p>\n');
  });

  it('renders the reply threaded under its parent, with math and a nofollow ugc link', async () => {
    const page = await pageOf();
    expect(page).toMatch(new RegExp(`<li class="comment" id="comment-${firstId}">[\\s\\S]*?<ol class="thread"><li class="comment" id="comment-${replyId}">`));
    expect(page).toContain('<a href="https://example.org" rel="nofollow ugc noopener">a link</a>');
    expect(page).toContain('<annotation encoding="application/x-tex">x^2</annotation>');
    expect(page).toContain('<h2 id="comments">Comments <span class="count">2 comments</span></h2>');
    expect(page).toContain('3 more comments are on Hugging Face, not shown here: <a href="https://huggingface.co/papers/2508.00010"');
  });

  it.each<[string, () => [unknown, string | undefined], number, RegExp]>([
    ['no token', () => [{ body: 'hi' }, undefined], 401, /log in or send an API token/],
    ['an empty body', () => [{ body: '   ' }, ada.token], 400, /^body: the comment is empty$/],
    ['a body over 10,000 characters', () => [{ body: 'x'.repeat(10_001) }, ada.token], 400, /^body: a comment may be at most 10,000 characters; this one has 10,001$/],
    ['a missing body', () => [{}, ada.token], 400, /^body: write the comment as a string$/],
    ['an unknown parent', () => [{ body: 'hi', parent_id: 999999 }, ada.token], 400, /^parent_id: there is no comment 999999 on paper 2508.00010$/],
    ['a malformed parent', () => [{ body: 'hi', parent_id: 'first' }, ada.token], 400, /^parent_id: must be a comment id/],
    ['invalid JSON', () => ['{"body": ', ada.token], 400, /^send a JSON object like/],
  ])('refuses %s with %i and stores nothing', async (_what, args, status, message) => {
    const before = (await commentsOfPaper(t.db, paper.id)).length;
    const [body, token] = args();
    const res = await post(paper.id, body, token);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect((await commentsOfPaper(t.db, paper.id)).length).toBe(before);
  });

  it('refuses comments on unknown and hidden papers with 404', async () => {
    expect((await post('2501.99999', { body: 'hi' }, ada.token)).status).toBe(404);
    expect((await post(hidden.id, { body: 'hi' }, ada.token)).status).toBe(404);
    expect((await app.request(`/api/papers/${hidden.id}/comments`)).status).toBe(404);
    expect((await app.request('/api/papers/nonsense/comments')).status).toBe(400);
  });

  it('lets the author edit a comment (shown as edited) and nobody else', async () => {
    const path = `/api/papers/${paper.id}/comments/${replyId}`;
    expect((await send('PATCH', path, { body: 'hijacked' }, ada.token)).status).toBe(403);
    const edited = await send('PATCH', path, { body: 'A better reply' }, alan.token);
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('A better reply');
    expect(edited.body.editedAt).not.toBeNull();
    expect(await pageOf()).toContain('>edited</span>');
  });

  it('keeps a deleted comment with replies as "[deleted]", without its author or text', async () => {
    expect((await send('DELETE', `/api/papers/${paper.id}/comments/${firstId}`, undefined, alan.token)).status).toBe(403);
    expect((await send('DELETE', `/api/papers/${paper.id}/comments/${firstId}`, undefined, ada.token)).status).toBe(204);
    const [first] = await thread();
    expect(first).toMatchObject({ id: firstId, status: 'deleted', author: null, body: null, html: null });
    expect(first.replies[0].body).toBe('A better reply');
    const page = await pageOf();
    expect(page).toContain('<p class="comment-gone">[deleted]</p>');
    expect(page).not.toContain('Look: ');
    expect(await numComments()).toBe(3 + 1);
    expect((await send('DELETE', `/api/papers/${paper.id}/comments/${firstId}`, undefined, ada.token)).status).toBe(404);
  });

  it('makes a comment hidden by a moderator disappear from the page, the API and the count', async () => {
    const spam = await post(quiet.id, { body: 'Buy cheap pills' }, ada.token);
    expect(await numComments(quiet.id)).toBe(1);
    await setCommentHidden(t.db, spam.body.id, true);
    expect(await thread(quiet.id)).toEqual([]);
    expect(await pageOf(quiet.id)).not.toContain('cheap pills');
    expect(await numComments(quiet.id)).toBe(0);
  });

  describe('the forms on the paper page', () => {
    const browser = async () => {
      const user = await buildUser(t);
      const b = new TestBrowser(app);
      const s = await loggedIn(t, user);
      b.cookies.set(s.cookie.split('=')[0]!, s.cookie.split('=')[1]!);
      return { b, user };
    };

    it('asks anonymous readers to log in instead of showing a form', async () => {
      const page = await pageOf(quiet.id);
      expect(page).toContain('<a href="/login?next=%2Fpapers%2F2508.00011%23comments">Log in</a> or <a href="/signup?next=%2Fpapers%2F2508.00011%23comments">sign up</a> to comment.');
      expect(page).not.toContain('action="/papers/2508.00011/comments"');
    });

    it('posts a comment and a reply, landing on each', async () => {
      const { b, user } = await browser();
      expect((await b.get(`/papers/${quiet.id}`)).text).toContain(`<form class="comment-form" method="post" action="/papers/${quiet.id}/comments" data-comment-form>`);
      const first = await b.post(`/papers/${quiet.id}/comments`, { body: 'Through the *form*' });
      expect(first.res.status).toBe(303);
      const id = Number(/#comment-(\d+)$/.exec(first.res.headers.get('location')!)?.[1]);
      expect(first.res.headers.get('location')).toBe(`/papers/${quiet.id}#comment-${id}`);
      const page = await b.get(`/papers/${quiet.id}`);
      expect(page.text).toContain('<p>Through the <em>form</em></p>');
      expect(page.text).toContain(`<input type="hidden" name="parent_id" value="${id}">`);
      const reply = await b.post(`/papers/${quiet.id}/comments`, { body: 'And a reply', parent_id: String(id) });
      expect(reply.res.status).toBe(303);
      const [top] = await thread(quiet.id);
      expect(top).toMatchObject({ id, author: { name: user.username } });
      expect(top.replies[0]).toMatchObject({ body: 'And a reply', parentId: id });
      expect(await numComments(quiet.id)).toBe(2);
    });

    it('edits and deletes one\'s own comment', async () => {
      const { b } = await browser();
      await b.get(`/papers/${quiet.id}`);
      const made = await b.post(`/papers/${quiet.id}/comments`, { body: 'Typo here' });
      const id = Number(/#comment-(\d+)$/.exec(made.res.headers.get('location')!)?.[1]);
      const page = await b.get(`/papers/${quiet.id}`);
      expect(page.text).toContain(`action="/papers/${quiet.id}/comments/${id}/edit"`);
      expect((await b.post(`/papers/${quiet.id}/comments/${id}/edit`, { body: 'Fixed' })).res.status).toBe(303);
      expect((await b.get(`/papers/${quiet.id}`)).text).toContain('<p>Fixed</p>');
      expect((await b.post(`/papers/${quiet.id}/comments/${id}/delete`, {})).res.status).toBe(303);
      expect((await b.get(`/papers/${quiet.id}`)).text).not.toContain('<p>Fixed</p>');
    });

    it('refuses the comment form posted cross-site without the token, and stores nothing', async () => {
      const { b } = await browser();
      await b.get(`/papers/${quiet.id}`);
      const before = (await commentsOfPaper(t.db, quiet.id)).length;
      const forged = await b.post(`/papers/${quiet.id}/comments`, { body: 'forged' }, { csrf: null, origin: 'https://evil.example' });
      expect(forged.res.status).toBe(403);
      const tokenless = await b.post(`/papers/${quiet.id}/comments`, { body: 'forged' }, { csrf: null });
      expect(tokenless.res.status).toBe(403);
      expect((await commentsOfPaper(t.db, quiet.id)).length).toBe(before);
    });

    it('shows the paper page again for an empty or overlong comment, the text kept in the form and the reason beside it', async () => {
      const { b } = await browser();
      await b.get(`/papers/${quiet.id}`);
      const before = (await commentsOfPaper(t.db, quiet.id)).length;
      const empty = await b.post(`/papers/${quiet.id}/comments`, { body: '   \n  ' });
      expect(empty.res.status).toBe(400);
      expect(empty.text).toContain(`<h1>${quiet.title}</h1>`);
      expect(empty.text).toMatch(/<textarea id="comment-new" name="body"[^>]* aria-invalid="true" aria-describedby="comment-new-error" autofocus>   \n  <\/textarea>\s*<p class="field-error" id="comment-new-error" role="alert">the comment is empty<\/p>/);
      expect(empty.text).not.toContain('Back to today');

      const long = `<b>${'x'.repeat(10_001)}</b>`;
      const overlong = await b.post(`/papers/${quiet.id}/comments`, { body: long });
      expect(overlong.res.status).toBe(400);
      expect(overlong.text).toContain(`>&lt;b&gt;${'x'.repeat(10_001)}&lt;/b&gt;</textarea>`);
      expect(overlong.text).toContain('a comment may be at most 10,000 characters; this one has 10,008</p>');
      expect((await commentsOfPaper(t.db, quiet.id)).length).toBe(before);

      // The form on the page that comes back works: the fixed text is posted.
      const fixed = await b.post(`/papers/${quiet.id}/comments`, { body: 'Now with words' });
      expect(fixed.res.status).toBe(303);
    });

    it('keeps the text of a member commenting too fast, with 429 and Retry-After', async () => {
      const { b, user } = await browser();
      const token = await apiToken(t, user);
      for (let i = 0; i < 30; i++) expect((await post(quiet.id, { body: `quick ${i}` }, token)).status).toBe(201);
      await b.get(`/papers/${quiet.id}`);
      const refused = await b.post(`/papers/${quiet.id}/comments`, { body: 'One thought too many' });
      expect(refused.res.status).toBe(429);
      expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.text).toContain('>One thought too many</textarea>');
      expect(refused.text).toContain('role="alert">you are commenting very fast; please wait a while before posting again</p>');
    });

    it('keeps a refused reply in its open reply form, and a refused edit in its open edit form', async () => {
      const { b } = await browser();
      await b.get(`/papers/${quiet.id}`);
      const made = await b.post(`/papers/${quiet.id}/comments`, { body: 'Parent comment' });
      const id = Number(/#comment-(\d+)$/.exec(made.res.headers.get('location')!)?.[1]);
      const reply = await b.post(`/papers/${quiet.id}/comments`, { body: ' ', parent_id: String(id) });
      expect(reply.res.status).toBe(400);
      expect(reply.text).toContain(`<details class="reply" open><summary>Reply</summary>`);
      expect(reply.text).toContain(`<p class="field-error" id="reply-to-${id}-error" role="alert">the comment is empty</p>`);
      expect(reply.text).not.toContain('id="comment-new-error"');

      const edit = await b.post(`/papers/${quiet.id}/comments/${id}/edit`, { body: '' });
      expect(edit.res.status).toBe(400);
      expect(edit.text).toContain(`<details class="edit" open><summary>Edit</summary>`);
      expect(edit.text).toMatch(new RegExp(`<textarea id="edit-${id}" [^>]*aria-invalid="true"[^>]*></textarea>\\s*<p class="field-error" id="edit-${id}-error" role="alert">the comment is empty</p>`));
      expect(((await thread(quiet.id)) as { id: number; body: string }[]).find((c) => c.id === id)?.body).toBe('Parent comment');
    });
  });

  it('answers 429 with Retry-After once a member comments too fast', async () => {
    const token = await apiToken(t, await buildUser(t));
    for (let i = 0; i < 30; i++) expect((await post(quiet.id, { body: `comment ${i}` }, token)).status).toBe(201);
    const refused = await post(quiet.id, { body: 'one too many' }, token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.message).toBe('you are commenting very fast; please wait a while before posting again');
  });
});
