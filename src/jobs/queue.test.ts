// The durable job queue on a real database: deduplication, one run per job across competing
// workers, retries with backoff, lease takeover after a crash, periodic scheduling, the runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { openDatabase, type Db } from '../db/driver.ts';
import { claimJob } from '../db/jobs.ts';
import { createLogger } from '../log.ts';
import { enqueue, jobBackoffMs, type JobKind } from './queue.ts';
import { periodicJobs, schedulePeriodicJobs } from './registry.ts';
import { runDueJobs, startJobRunner } from './runner.ts';

const log = createLogger('silent');

interface JobRow {
  id: number; kind: string; status: string; run_at: string; attempts: number; last_error: string | null; dedupe_key: string | null;
}

describe.each(DATABASES)('job queue on $name', ({ name }) => {
  let t: TestEnv;
  const deps = (db: Db = t.db) => ({ db, config: t.config, log });
  const jobs = (kind: string) => t.db.all<JobRow>('select * from jobs where kind = ? order by id', [kind]);

  beforeAll(async () => {
    t = await testEnv(name);
  });
  afterAll(() => t.close());

  it('keeps one waiting job per dedupe key, at the earlier time', async () => {
    const late = new Date(Date.now() + 3_600_000);
    const soon = new Date(Date.now() + 60_000);
    const a = await enqueue(t.db, 'dedupe.test', { n: 1 }, { runAt: late, dedupeKey: 'only-one' });
    const b = await enqueue(t.db, 'dedupe.test', { n: 2 }, { runAt: soon, dedupeKey: 'only-one' });
    const c = await enqueue(t.db, 'dedupe.test', { n: 3 }, { runAt: late, dedupeKey: 'only-one' });
    expect(new Set([a, b, c]).size).toBe(1);
    const rows = await jobs('dedupe.test');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.run_at).toBe(soon.toISOString());
    await enqueue(t.db, 'dedupe.test', {}, { runAt: late });
    expect(await jobs('dedupe.test')).toHaveLength(2); // no key, no deduplication
  });

  it('runs each job exactly once with two workers on two connections competing', async () => {
    const runs = new Map<number, number>();
    const kinds: Record<string, JobKind> = {
      'count.test': {
        async run(payload: { n: number }) {
          runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, Math.random() * 3));
        },
      },
    };
    for (let n = 0; n < 120; n++) await enqueue(t.db, 'count.test', { n });
    const other = await openDatabase(t.location);
    try {
      const [one, two] = await Promise.all([runDueJobs(deps(), kinds), runDueJobs(deps(other), kinds)]);
      expect(one + two).toBe(120);
      expect(one).toBeGreaterThan(0);
      expect(two).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
    expect(runs.size).toBe(120);
    expect([...runs.values()].every((v) => v === 1)).toBe(true);
    expect((await jobs('count.test')).every((j) => j.status === 'done')).toBe(true);
  });

  it('retries a failing job with growing backoff, then marks it failed', async () => {
    let calls = 0;
    const kinds: Record<string, JobKind> = {
      'flaky.test': {
        async run() {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      },
    };
    await enqueue(t.db, 'flaky.test', {}, { maxAttempts: 2 });
    const before = Date.now();
    expect(await runDueJobs(deps(), kinds)).toBe(1); // the retry is not due yet
    let [job] = await jobs('flaky.test');
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1' });
    expect(Date.parse(job!.run_at) - before).toBeGreaterThanOrEqual(jobBackoffMs(1) - 1000);
    await t.db.run(`update jobs set run_at = ? where id = ?`, [new Date(0).toISOString(), job!.id]);
    expect(await runDueJobs(deps(), kinds)).toBe(1);
    [job] = await jobs('flaky.test');
    expect(job).toMatchObject({ status: 'failed', attempts: 2, last_error: 'boom 2' });
    expect(jobBackoffMs(1)).toBe(30_000);
    expect(jobBackoffMs(3)).toBe(120_000);
    expect(jobBackoffMs(20)).toBe(3_600_000);
  });

  it('lets another worker take over a job whose worker died (lease expired)', async () => {
    await enqueue(t.db, 'lease.test', { x: 1 });
    const past = new Date(Date.now() - 1000).toISOString();
    const claimed = await claimJob(t.db, ['lease.test'], 'dead-worker', new Date().toISOString(), past);
    expect(claimed).toMatchObject({ kind: 'lease.test', attempts: 1 });
    let ran = 0;
    expect(await runDueJobs(deps(), { 'lease.test': { run: async () => void ran++ } })).toBe(1);
    expect(ran).toBe(1);
    expect((await jobs('lease.test'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('queues each periodic job once, at its next time, however often it is scheduled', async () => {
    const now = new Date('2025-08-08T12:00:00Z'); // a Friday
    await schedulePeriodicJobs(t.db, t.config, now);
    await schedulePeriodicJobs(t.db, t.config, now);
    const rows = await t.db.all<JobRow>(`select * from jobs where dedupe_key like 'periodic:%' order by dedupe_key`);
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(periodicJobs.map((p) => `periodic:${p.name}`).sort());
    const at = (name: string) => rows.find((r) => r.dedupe_key === `periodic:${name}`)!;
    expect(at('digest.daily')).toMatchObject({ kind: 'digest.compose', run_at: '2025-08-11T07:00:00.000Z' }); // the weekend skipped
    expect(at('digest.weekly')).toMatchObject({ kind: 'digest.compose', run_at: '2025-08-11T07:00:00.000Z' });
    expect(at('jobs.cleanup')).toMatchObject({ kind: 'jobs.cleanup', run_at: '2025-08-09T03:30:00.000Z' });
    expect(at('mail.prune')).toMatchObject({ kind: 'mail.prune', run_at: '2025-08-09T03:45:00.000Z' });
    // Scheduled again earlier in the night: the same run, not a second one.
    await schedulePeriodicJobs(t.db, t.config, new Date('2025-08-09T01:00:00Z'));
    expect((await t.db.all<JobRow>(`select * from jobs where dedupe_key = 'periodic:jobs.cleanup'`)).map((r) => r.run_at)).toEqual(['2025-08-09T03:30:00.000Z']);
  });

  it('runs a job enqueued while the runner sleeps without waiting for the next poll', async () => {
    let done!: (payload: unknown) => void;
    const ran = new Promise((r) => (done = r));
    const stop = await startJobRunner(deps(), { pollMs: 60_000, kinds: { 'wake.test': { run: async (p) => done(p) } } });
    try {
      await new Promise((r) => setTimeout(r, 50)); // the runner is asleep now
      const started = Date.now();
      await enqueue(t.db, 'wake.test', { hello: 'runner' });
      await expect(ran).resolves.toEqual({ hello: 'runner' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await stop();
    }
  });
});
