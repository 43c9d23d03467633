// `paperboy digest` as an operator runs it, against a real SMTP server on 127.0.0.1 and real Daily
// Papers days: one mail per confirmed subscriber, alerts, nothing twice, one-click unsubscribe, a
// clean failure while the server is down and exactly one delivery after, and a crash between
// "sent" and "recorded" that does not send twice.
import { spawn } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { openDatabase } from '../src/db/driver.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { createLogger } from '../src/log.ts';
import { BIN, runCli } from './cli.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtp } from './smtp-server.ts';
import { DATA, DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

interface Row {
  arxiv_id: string;
  title: string;
  abstract: string;
  daily_date: string;
  upvotes: number | null;
}

const ALL: Row[] = gunzipSync(readFileSync(join(DATA, 'hf-daily-papers.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const ofDay = (day: string) => ALL.filter((r) => r.daily_date === day);
// What the search index's stemming counts as the word "quantization" (quantize, quantized, …).
const aboutQuantization = (r: Row) => /\bquantiz(?:e|ed|es|er|ers|ing|ation|ations)?\b/i.test(`${r.title} ${r.abstract}`);
const best = (rows: Row[]) => [...rows].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));

const DAY1 = '2026-05-19';
const DAY2 = '2026-05-20';
const DAY3 = '2026-05-21';

describe.each(DATABASES)('paperboy digest on $name', ({ name }) => {
  let smtp: TestSmtp;
  let t: TestEnv;
  let app: App;
  let env: Record<string, string>;
  const digest = (...args: string[]) => runCli(['digest', ...args], env);

  function importDay(day: string, keep: (r: Row) => boolean = () => true) {
    const file = join(t.dir, `${day}.jsonl`);
    writeFileSync(file, ofDay(day).filter(keep).map((r) => JSON.stringify(r)).join('\n') + '\n');
    return runCli(['import', file], env);
  }

  async function subscribe(email: string, query?: string, confirm = true) {
    const res = await app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, cadence: 'daily', query }) });
    expect(res.status).toBe(202);
    await runDueJobs({ db: t.db, config: t.config, log: createLogger('silent') });
    const mail = smtp.to(email).at(-1)!;
    const link = /http:\/\/paperboy\.test(\/subscribe\/confirm\?token=\S+)/.exec(mail.text)![1]!;
    const token = new URL(link, 'http://paperboy.test').searchParams.get('token')!;
    const post = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() };
    if (confirm) expect((await app.request('/subscribe/confirm', post)).status).toBe(200);
  }

  const titles = (m: ReceivedMail) => [...m.text.matchAll(/^\d+\. (.+) \(▲ \d+\)$/gm)].map((x) => x[1]);
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await testEnv(name, { PAPERBOY_SMTP_URL: smtp.url });
    app = testApp(t);
    env = {
      PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false', PAPERBOY_SMTP_URL: smtp.url,
      PAPERBOY_BASE_URL: 'http://paperboy.test', PAPERBOY_LOG_LEVEL: 'warn',
    };
    await subscribe('alice@example.org');
    await subscribe('bob@example.org');
    await subscribe('quant@example.org', 'quantization');
    await subscribe('unconfirmed@example.org', undefined, false);
    smtp.messages.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('after a day is imported, sends each confirmed subscriber one mail with the day’s top titles', async () => {
    expect((await importDay(DAY1)).code).toBe(0);
    const run = await digest('--cadence', 'daily');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`daily: 3 new digests for 3 subscriptions, newest list ${DAY1}`);
    expect(run.stdout).toMatch(/sent 3 messages to smtp:\/\/127\.0\.0\.1:\d+/);
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'bob@example.org', 'quant@example.org']);

    const alice = smtp.to('alice@example.org')[0]!;
    const day = best(ofDay(DAY1));
    // All of the day, best first: the top ten in full, the rest in the short list.
    expect(titles(alice)[0]).toBe(flat(day[0]!.title));
    expect(new Set(titles(alice))).toEqual(new Set(day.map((r) => flat(r.title))));
    const votes = [...alice.text.matchAll(/\(▲ (\d+)\)$/gm)].map((x) => Number(x[1]));
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(alice.text.indexOf('Also on the list')).toBeGreaterThan(alice.text.indexOf('\n10. '));
    expect(alice.text).toContain(`http://paperboy.test/papers/${day[0]!.arxiv_id}`);
    expect(alice.html).toContain(`href="http://paperboy.test/papers/${day[0]!.arxiv_id}"`);
    expect(alice.html).toContain(`href="http://paperboy.test/papers/${day[20]!.arxiv_id}"`); // in the short list
    expect(alice.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(alice.header('list-unsubscribe')).toMatch(/^<http:\/\/paperboy\.test\/unsubscribe\?token=\S+>$/);
  });

  it('gives the quantization subscriber only that day’s quantization papers', () => {
    const quant = smtp.to('quant@example.org')[0]!;
    const expected = best(ofDay(DAY1).filter(aboutQuantization)).map((r) => flat(r.title));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ofDay(DAY1).length);
    expect(titles(quant)).toEqual(expected);
    expect(quant.text).not.toContain('Also on the list');
  });

  it('sends nothing when run again', async () => {
    const again = await digest();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing new to send');
    expect(smtp.messages).toHaveLength(3);
  });

  it('stops all later mail to an address after a one-click POST on its List-Unsubscribe URL', async () => {
    const url = new URL(smtp.to('bob@example.org')[0]!.header('list-unsubscribe')!.slice(1, -1));
    const res = await app.request(url.pathname + url.search, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
  });

  it('shows the next day’s plan on --dry-run without sending or recording it', async () => {
    expect((await importDay(DAY2)).code).toBe(0);
    const dry = await digest('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('daily: 1 new digest for 2 subscriptions');
    expect(dry.stdout).toContain(`daily digest → alice@example.org: ${ofDay(DAY2).length} papers (${DAY2})`);
    expect(dry.stdout).toContain('dry run: nothing was recorded or sent');
    expect(smtp.messages).toHaveLength(3);
  });

  it('fails cleanly while the SMTP server is down, and delivers the day exactly once when it is back', async () => {
    await smtp.stop();
    try {
      const down = await digest('--cadence', 'daily');
      expect(down.code).toBe(75);
      expect(down.stderr).toMatch(/^paperboy: could not deliver through smtp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.*1 message stay queued/);
      expect(down.stderr).not.toMatch(/\n\s+at /);
      expect(down.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await smtp.start();
    }
    const back = await digest();
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('sent 1 message');
    expect(await digest()).toMatchObject({ code: 0 });
    const day2 = smtp.messages.slice(3);
    expect(day2.map((m) => m.envelopeTo[0])).toEqual(['alice@example.org']);
    expect(titles(day2[0]!)[0]).toBe(flat(best(ofDay(DAY2))[0]!.title));
  });

  it('never sends twice when the sender dies between "sent" and "recorded"', async () => {
    expect((await importDay(DAY3, (r) => !aboutQuantization(r))).code).toBe(0);
    const before = smtp.messages.length;
    // Once the message is in, hold the database so the sender cannot record it, and kill the sender.
    const holder = await openDatabase(t.location);
    let release!: () => void;
    let holding!: () => void;
    let holderTx: Promise<void> = Promise.resolve();
    const held = new Promise<void>((r) => (holding = r));
    smtp.beforeAccept = async () => {
      smtp.beforeAccept = null;
      holderTx = holder.tx(async (tx) => {
        if (tx.dialect === 'postgres') await tx.run('lock table deliveries in exclusive mode');
        else await tx.run(`update jobs set kind = kind where 1 = 0`); // a write: takes SQLite's lock
        holding();
        await new Promise<void>((r) => (release = r));
      });
      await held;
    };
    const child = spawn(process.execPath, [BIN, 'digest'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    await smtp.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 500)); // the sender now waits for the database
    child.kill('SIGKILL');
    await exited;
    // PostgreSQL would still run the dead sender's waiting statement once the lock is gone: end it too.
    if (holder.dialect === 'postgres') {
      await holder.get(`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query like 'update deliveries set status = ''sent''%'`);
    }
    release();
    await holderTx;
    await holder.close();

    const after = await digest();
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('1 message was interrupted mid-send by an earlier run and not sent again');
    expect(await digest()).toMatchObject({ code: 0, stderr: '' });
    expect(smtp.messages.length).toBe(before + 1);
    expect(smtp.messages.at(-1)!.envelopeTo).toEqual(['alice@example.org']);
  });

  it('refuses --to for an address without a subscription, and a bad --cadence', async () => {
    const unknown = await digest('--to', 'unconfirmed@example.org');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('paperboy: unconfirmed@example.org has no confirmed subscription and nothing pending\n');
    expect((await digest('--cadence', 'hourly')).stderr).toContain('--cadence must be daily or weekly');
  });

  it('writes .eml files to DATA_DIR/outbox when no SMTP server is configured', async () => {
    const { PAPERBOY_SMTP_URL: _, ...noSmtp } = env;
    const res = await app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'outbox@example.org', cadence: 'weekly' }) });
    expect(res.status).toBe(202);
    const run = await runCli(['digest', '--to', 'outbox@example.org'], noSmtp);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sent 1 message to .*outbox/);
    const files = readdirSync(join(t.dir, 'outbox'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(t.dir, 'outbox', files[0]!), 'utf8');
    expect(eml).toMatch(/^To: outbox@example\.org$/m);
    expect(eml).toContain('Subject: Confirm your paperboy subscription');
  });
});
