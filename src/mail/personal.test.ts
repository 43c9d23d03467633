// Personal digests end to end: a member asks for them in /settings/digest, confirms from the mail,
// previews the next one, and gets the new lists' papers picked for their upvotes through the job
// runner and a real SMTP server — each paper once, only papers on the topic she upvotes, nothing on a
// day without any (and the preview says why), nothing on a repeated run, nothing after one click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser, PASSWORD, TestBrowser } from '../../test/accounts.ts';
import { newListDay, seedRecommendCorpus, earlyPapers, type ListedTopicPaper } from '../../test/recommend-corpus.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtp } from '../../test/smtp-server.ts';
import { addPapers, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import type { App } from '../app.ts';
import type { User } from '../db/users.ts';
import { enqueue } from '../jobs/queue.ts';
import { runDueJobs } from '../jobs/runner.ts';
import { createLogger } from '../log.ts';
import { PERSONAL_MAX } from './personal.ts';

const log = createLogger('silent');
const path = (url: string) => url.replace('http://paperboy.test', '');
/** The papers a mail links to, in order (the upvoted ones are named, not linked, in the text part). */
const paperIds = (mail: ReceivedMail) => [...mail.text.matchAll(/http:\/\/paperboy\.test\/papers\/(\d{4}\.\d{5})/g)].map((m) => m[1]!);

describe.each(DATABASES)('personal digests on $name', ({ name }) => {
  let smtp: TestSmtp;
  let t: TestEnv;
  let app: App;
  let corpus: ListedTopicPaper[];
  let ada: User;
  let browser: TestBrowser;
  const liked: string[] = [];
  const topicOf = new Map<string, string>();
  const day27 = () => [...topicOf].filter(([id]) => id.startsWith('2602.001')).map(([id]) => id);
  const runJobs = () => runDueJobs({ db: t.db, config: t.config, log });
  const digestRun = async (cadence: 'daily' | 'weekly') => {
    smtp.messages.length = 0;
    await enqueue(t.db, 'digest.compose', { cadence });
    await runJobs();
    return smtp.messages.filter((m) => m.subject !== 'Confirm your paperboy subscription');
  };

  async function subscribe(b: TestBrowser, email: string, cadence: 'daily' | 'weekly') {
    await b.get('/settings/digest');
    const done = await b.post('/settings/digest', { kind: 'personal', email, cadence });
    expect(done.res.status).toBe(200);
    expect(done.text).toContain(`a confirmation link is on its way to ${email}`);
    await runJobs();
    const mail = smtp.to(email).at(-1)!;
    expect(mail.subject).toBe('Confirm your paperboy subscription');
    const link = /http:\/\/paperboy\.test\/subscribe\/confirm\?token=\S+/.exec(mail.text)![0];
    const asked = await b.get(path(link));
    const token = /name="token" value="([^"]+)"/.exec(asked.text)![1]!;
    return { mail, confirmed: await b.post('/subscribe/confirm', { token }) };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await testEnv(name, { PAPERBOY_SMTP_URL: smtp.url });
    app = testApp(t);
    corpus = await seedRecommendCorpus(t.db);
    for (const p of corpus) topicOf.set(p.id, p.topic);
    ada = await buildUser(t, { username: 'ada' });
    browser = new TestBrowser(app);
    await browser.get('/login');
    await browser.post('/login', { username: 'ada', password: PASSWORD });
    const token = await apiToken(t, ada);
    for (const p of earlyPapers(corpus, 'robots').slice(0, 3)) {
      expect((await app.request(`/api/papers/${p.id}/upvote`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      liked.push(p.id);
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('offers them in /settings/digest and starts them with the double opt-in', async () => {
    const page = await browser.get('/settings/digest');
    expect(page.text).toContain('Recommended for you, by e-mail');
    expect(page.text).toContain('<input type="hidden" name="kind" value="personal">');
    expect(page.text).toContain(`Up to ${PERSONAL_MAX.daily} papers from each new list`);
    const bad = await browser.post('/settings/digest', { kind: 'personal', email: 'not an address', cadence: 'daily' });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toMatch(/<input id="for-you-email" name="email" type="email" value="not an address"/);

    const { mail, confirmed } = await subscribe(browser, 'ada@example.org', 'daily');
    expect(mail.text.replace(/\s+/g, ' ')).toContain("asked to send paperboy's daily recommendations (papers picked for what a member upvotes) to ada@example.org");
    expect(confirmed.text).toContain('will get a daily e-mail with the new papers picked for what you upvote');
    const settings = await browser.get('/settings/digest');
    expect(settings.text).toContain('Daily recommendations: new papers picked for what you upvote');
    expect(settings.text).toContain('You get them already');
    // The form shows the cadence she gets.
    expect(settings.text).toMatch(/<input type="radio" name="cadence" value="daily" checked>\s*<span><strong>Daily<\/strong><span class="hint">Up to 5 papers/);
  });

  it('previews the next one in the browser without sending or recording anything', async () => {
    await addPapers(t.db, newListDay(corpus, '2026-01-27', 6, 100));
    for (const p of newListDay(corpus, '2026-01-27', 6, 100)) topicOf.set(p.id, p.topic);
    const id = /digest-preview\?id=(\d+)/.exec((await browser.get('/settings/digest')).text)![1]!;
    const preview = await browser.get(`/settings/digest-preview?id=${id}`);
    expect(preview.text).toContain('Preview of your next daily recommendation e-mail');
    expect(preview.text).toContain('nothing has been sent');
    expect(preview.text).toContain('<h1 style="margin:0;font-size:24px;line-height:1.2;color:#1c1917;">Recommended for you</h1>');
    expect(preview.text).toMatch(/Like <a href="http:\/\/paperboy\.test\/papers\/2601\.\d{5}"[^>]*>[^<]+<\/a>, which you upvoted/);
    const text = await browser.get(`/settings/digest-preview?id=${id}&format=text`);
    expect(text.text).toContain('Recommended for you · Jan 26 – Jan 27, 2026');
    expect(smtp.messages.filter((m) => m.subject.startsWith('Recommended'))).toHaveLength(0);
  });

  it('sends the new lists’ papers picked for the member’s upvotes, with both parts and one-click unsubscribe', async () => {
    const mails = await digestRun('daily');
    expect(mails.map((m) => m.envelopeTo[0])).toEqual(['ada@example.org']);
    const mail = mails[0]!;
    const ids = paperIds(mail);
    expect(mail.subject).toBe(`Recommended for you · Jan 26 – Jan 27, 2026 · ${ids.length} papers`);
    // Full: more papers were listed on those days than one digest carries.
    expect(ids).toHaveLength(PERSONAL_MAX.daily);
    // More robot papers were listed on those days than one digest carries: it holds robot papers only.
    expect(day27().filter((x) => topicOf.get(x) === 'robots').length).toBeGreaterThan(PERSONAL_MAX.daily);
    expect(ids.map((id) => topicOf.get(id))).toEqual(Array(ids.length).fill('robots'));
    // Nothing is older than the day she subscribed on.
    for (const id of ids) expect(id.startsWith('2602.') || corpus.find((p) => p.id === id)!.daily.day === '2026-01-26').toBe(true);
    for (const id of liked) expect(ids).not.toContain(id);
    // Each paper shown in full says which upvoted paper it is like.
    const first = mail.text.split('\n\n').find((block) => block.startsWith('1. '))!.replace(/\s+/g, ' ');
    expect(first).toMatch(/ Like “[^”]+”, which you upvoted http:\/\/paperboy\.test\/papers\//);
    expect(mail.text.replace(/\s+/g, ' ')).toContain('You get these daily recommendations because ada@example.org asked for them on paperboy.');
    expect(mail.html).toContain('close to the papers you upvoted.');
    expect(mail.text.replace(/\s+/g, ' ')).toContain('only papers close to them, and no e-mail when there are none.');
    expect(mail.html).not.toMatch(/<script|<img/i);
    expect(mail.header('list-id')).toBe('paperboy recommendations <recommended.paperboy.test>');
    expect(mail.header('list-unsubscribe')).toMatch(/^<http:\/\/paperboy\.test\/unsubscribe\?token=[\w.-]+>$/);
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.messageId).toMatch(/^<daily.2026-01-27.\w+@paperboy\.test>$/);
  });

  it('sends nothing when the run is repeated, though papers of those days were left out', async () => {
    expect(await digestRun('daily')).toHaveLength(0);
    expect(await digestRun('daily')).toHaveLength(0);
  });

  it('brings only the next day’s papers on her topic the next time, not filled up with others', async () => {
    const next = newListDay(corpus, '2026-01-28', 4, 200);
    await addPapers(t.db, next);
    const [mail] = await digestRun('daily');
    const ids = paperIds(mail!);
    // Four robot papers among twelve: those four, though a digest holds five.
    expect(ids.sort()).toEqual(next.filter((p) => p.topic === 'robots').map((p) => p.id).sort());
    expect(mail!.subject).toBe('Recommended for you · Jan 28, 2026 · 4 papers');
  });

  it('sends nothing on a day with only papers on other topics, and the preview says why', async () => {
    const offTopic = newListDay(corpus, '2026-01-29', 3, 250).filter((p) => p.topic !== 'robots');
    expect(offTopic).toHaveLength(6);
    await addPapers(t.db, offTopic);
    expect(await digestRun('daily')).toHaveLength(0);
    expect(smtp.to('ada@example.org').filter((m) => m.subject.includes('Jan 29'))).toHaveLength(0);

    const id = /digest-preview\?id=(\d+)/.exec((await browser.get('/settings/digest')).text)![1]!;
    const preview = await browser.get(`/settings/digest-preview?id=${id}`);
    expect(preview.text).toContain('<h1>Nothing close enough to send</h1>');
    const said = preview.text.replace(/\s+/g, ' ');
    expect(said).toContain('None of the 6 new papers on the lists is close enough to the papers you upvoted, so your next daily recommendation e-mail would not be sent');
    const closest = /The closest was <a href="\/papers\/(2602\.\d{5})">([^<]+)<\/a>/.exec(said)!;
    expect(offTopic.find((p) => p.id === closest[1])!.title).toBe(closest[2]);
    expect(said).toContain('<a href="/papers/for-you">For you</a> shows the week’s best picks all the same');
  });

  it('sends again when her topic is back, only its papers', async () => {
    const back = newListDay(corpus, '2026-01-30', 2, 350);
    await addPapers(t.db, back);
    const [mail, ...more] = await digestRun('daily');
    expect(more).toHaveLength(0);
    expect(mail!.envelopeTo).toEqual(['ada@example.org']);
    // The day before's papers are still owed to her, and still too far from what she upvoted.
    expect(paperIds(mail!).sort()).toEqual(back.filter((p) => p.topic === 'robots').map((p) => p.id).sort());
    expect(mail!.subject).toBe('Recommended for you · Jan 30, 2026 · 2 papers');
  });

  it('sends a member without upvotes the most upvoted papers, and says why', async () => {
    const bob = new TestBrowser(app);
    await buildUser(t, { username: 'bob' });
    await bob.get('/login');
    await bob.post('/login', { username: 'bob', password: PASSWORD });
    await subscribe(bob, 'bob@example.org', 'weekly');
    const mails = await digestRun('weekly');
    expect(mails.map((m) => m.envelopeTo[0])).toEqual(['bob@example.org']);
    const ids = paperIds(mails[0]!);
    expect(ids).toHaveLength(PERSONAL_MAX.weekly);
    expect(mails[0]!.text).toContain(`You have not upvoted any papers yet, so these are the ${PERSONAL_MAX.weekly} most upvoted papers of`);
    expect(mails[0]!.text).toContain('More for you:');
    expect(mails[0]!.text).not.toContain('which you upvoted');
    const upvotes = [...mails[0]!.text.matchAll(/^\d+\. .+ \(▲ (\d+)\)$/gm)].map((m) => Number(m[1]));
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(await digestRun('weekly')).toHaveLength(0);
  });

  it('stops after the one-click unsubscribe from the mail', async () => {
    const last = newListDay(corpus, '2026-01-31', 2, 300);
    await addPapers(t.db, last);
    const [mail] = await digestRun('daily');
    const url = mail!.header('list-unsubscribe')!.slice(1, -1);
    const res = await app.request(path(url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    await addPapers(t.db, newListDay(corpus, '2026-02-01', 2, 400));
    expect(await digestRun('daily')).toHaveLength(0);
  });
});
