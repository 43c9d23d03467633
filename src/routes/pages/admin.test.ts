// /admin through the real app on each database: only administrators get in; hiding a paper or a
// comment takes it off pages, API and feeds; suspending a member locks them out; all is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser, loggedIn, PASSWORD, TestBrowser } from '../../../test/accounts.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { recentAudit } from '../../db/audit.ts';
import { userByName } from '../../db/users.ts';
import { addComment } from '../../domain/comments.ts';

const DAY = '2025-08-05';

describe.each(DATABASES)('/admin on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let admin: TestBrowser;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await buildUser(t, { username: 'boss', isAdmin: true });
    admin = new TestBrowser(app);
    await admin.get('/login');
    await admin.post('/login', { username: 'boss', password: PASSWORD });
    await admin.get('/admin');
  });
  afterAll(() => t.close());

  it('sends anonymous visitors to log in and refuses members (403)', async () => {
    expect((await app.request('/admin')).headers.get('location')).toBe('/login?next=%2Fadmin');
    const member = await loggedIn(t, await buildUser(t, { username: 'plainmember' }));
    const page = await app.request('/admin', { headers: { cookie: member.cookie } });
    expect(page.status).toBe(403);
    await addPapers(t.db, [buildPaper({ id: '2508.00001', daily: { day: DAY, submittedAt: `${DAY}T10:00:00.000Z` } })]);
    const hide = await app.request('/admin/papers/2508.00001/hide', { method: 'POST', headers: { cookie: member.cookie, origin: 'http://paperboy.test', 'x-csrf-token': member.csrf } });
    expect(hide.status).toBe(403);
    const token = await apiToken(t, await userByName(t.db, 'plainmember') as { id: number });
    expect((await app.request('/admin/papers/2508.00001/hide', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await app.request('/api/papers/2508.00001')).status).toBe(200);
  });

  it('hides a paper from lists, the API and feeds, and shows it again', async () => {
    await addPapers(t.db, [buildPaper({ id: '2508.00002', title: 'Paper To Hide', daily: { day: DAY, submittedAt: `${DAY}T11:00:00.000Z` } })]);
    expect((await (await app.request(`/papers/date/${DAY}`)).text())).toContain('Paper To Hide');
    const res = await admin.post('/admin/papers/2508.00002/hide', {});
    expect(res.res.status).toBe(303);
    expect(res.res.headers.get('location')).toBe('/admin?done=paper-hidden');
    const after = await admin.get('/admin?done=paper-hidden');
    expect(after.text).toContain('The paper is hidden.');
    expect(after.text).toMatch(/<td>boss<\/td><td>hide paper<\/td>/);

    expect(await (await app.request(`/papers/date/${DAY}`)).text()).not.toContain('Paper To Hide');
    expect((await app.request('/api/papers/2508.00002')).status).toBe(404);
    const api = (await (await app.request(`/api/daily_papers?date=${DAY}`)).json()) as { paper: { id: string } }[];
    expect(api.map((p) => p.paper.id)).not.toContain('2508.00002');
    expect(await (await app.request('/papers/feed.xml')).text()).not.toContain('Paper To Hide');

    await admin.post('/admin/papers/2508.00002/unhide', {});
    expect((await app.request('/api/papers/2508.00002')).status).toBe(200);
    const log = await recentAudit(t.db, 10);
    expect(log.slice(0, 2).map((a) => [a.actorName, a.action, a.targetId])).toEqual([
      ['boss', 'unhide paper', '2508.00002'],
      ['boss', 'hide paper', '2508.00002'],
    ]);
  });

  it('names the paper in each Hide button and comes back to the search it was hidden from', async () => {
    await addPapers(t.db, [buildPaper({ id: '2508.00009', title: 'Found by <i>search</i>', daily: { day: DAY, submittedAt: `${DAY}T12:00:00.000Z` } })]);
    const found = await admin.get('/admin?q=2508.00009');
    const form = /<form method="post" action="([^"]+)">[\s\S]*?<button[^>]*>([\s\S]*?)<\/button>/.exec(found.text.slice(found.text.indexOf('id="find-h"')))!;
    expect(form[1]).toBe('/admin/papers/2508.00009/hide?q=2508.00009');
    expect(form[2]!.replace(/<[^>]+>/g, '')).toBe('Hide paper “Found by &lt;i&gt;search&lt;/i&gt;”');
    const res = await admin.post(form[1]!, {});
    expect(res.res.headers.get('location')).toBe('/admin?q=2508.00009&done=paper-hidden');
    const back = await admin.get(res.res.headers.get('location')!);
    expect(back.text).toContain('The paper is hidden.');
    expect(back.text).toContain('value="2508.00009"');
    expect(back.text).toContain('action="/admin/papers/2508.00009/unhide?q=2508.00009"');
    await admin.post('/admin/papers/2508.00009/unhide', {});
  });

  it('hides a comment and the paper\'s comment count follows', async () => {
    await addPapers(t.db, [buildPaper({ id: '2508.00003', daily: { day: DAY, submittedAt: `${DAY}T12:00:00.000Z` } })]);
    const author = await buildUser(t, { username: 'rude' });
    const comment = await addComment(t.db, { paperId: '2508.00003', userId: author.id, body: 'a rude remark' });
    expect((await admin.get('/admin')).text).toContain('a rude remark');
    expect((await admin.post(`/admin/comments/${comment.id}/hide`, {})).res.status).toBe(303);
    const listed = (await (await app.request(`/api/daily_papers?date=${DAY}`)).json()) as { paper: { id: string }; numComments: number }[];
    expect(listed.find((p) => p.paper.id === '2508.00003')?.numComments).toBe(0);
    expect(await (await app.request('/u/rude?tab=comments')).text()).not.toContain('a rude remark');
    expect((await recentAudit(t.db, 1))[0]).toMatchObject({ action: 'hide comment', targetId: String(comment.id) });
    expect((await admin.post('/admin/comments/999999/hide', {})).res.status).toBe(404);
  });

  it('suspends a member: logged out, tokens refused, cannot log in; unsuspending restores them', async () => {
    const user = await buildUser(t, { username: 'troll' });
    const token = await apiToken(t, user);
    const session = await loggedIn(t, user);
    expect((await admin.post(`/admin/users/${user.id}/suspend`, {})).res.status).toBe(303);
    expect((await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await app.request('/settings', { headers: { cookie: session.cookie } })).status).toBe(303);
    const vote = await app.request('/api/papers/2508.00003/upvote', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(vote.status).toBe(403);
    const login = new TestBrowser(app);
    await login.get('/login');
    expect((await login.post('/login', { username: 'troll', password: PASSWORD })).res.status).toBe(403);
    expect((await admin.get('/admin')).text).toContain('suspended');

    await admin.post(`/admin/users/${user.id}/unsuspend`, {});
    expect((await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await login.post('/login', { username: 'troll', password: PASSWORD })).res.status).toBe(303);
  });

  it('refuses suspending yourself and acting on things that do not exist', async () => {
    const me = (await userByName(t.db, 'boss'))!;
    const self = await admin.post(`/admin/users/${me.id}/suspend`, {});
    expect(self.res.status).toBe(403);
    expect(self.text).toContain('cannot suspend yourself');
    expect((await admin.post('/admin/users/999999/suspend', {})).res.status).toBe(404);
    expect((await admin.post('/admin/papers/2599.99999/hide', {})).res.status).toBe(404);
  });

  it('refuses moderation posted from another site or without the form token', async () => {
    await addPapers(t.db, [buildPaper({ id: '2508.00004', daily: { day: DAY, submittedAt: `${DAY}T13:00:00.000Z` } })]);
    expect((await admin.post('/admin/papers/2508.00004/hide', {}, { origin: 'https://evil.example' })).res.status).toBe(403);
    expect((await admin.post('/admin/papers/2508.00004/hide', {}, { csrf: null })).res.status).toBe(403);
    expect((await app.request('/api/papers/2508.00004')).status).toBe(200);
  });

  it('finds a paper by arXiv id or URL and a member by name', async () => {
    await addPapers(t.db, [buildPaper({ id: '2508.00005', title: 'Findable Paper' })]);
    expect((await admin.get('/admin?q=https://arxiv.org/abs/2508.00005v2')).text).toContain('Findable Paper');
    expect((await admin.get('/admin?q=TROLL')).text).toContain('href="/u/troll"');
    expect((await admin.get('/admin?q=nothing-like-it')).text).toContain('No paper or member matches');
  });
});
