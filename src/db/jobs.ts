// The jobs table: the durable queue. A job is claimed by one worker at a time with a lease
// (`FOR UPDATE SKIP LOCKED` on PostgreSQL; one atomic UPDATE under SQLite's single writer).
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  status: JobStatus;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
}

interface JobRow {
  id: number; kind: string; payload: string; dedupe_key: string | null; status: JobStatus; run_at: string;
  attempts: number; max_attempts: number; last_error: string | null;
}

function rowToJob(r: JobRow): Job {
  return {
    id: Number(r.id), kind: r.kind, payload: JSON.parse(r.payload), dedupeKey: r.dedupe_key, status: r.status,
    runAt: r.run_at, attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts), lastError: r.last_error,
  };
}

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: string;
  dedupeKey: string | null;
  maxAttempts: number;
}

/**
 * Queues a job. With a dedupe key, at most one such job waits at a time: enqueueing it again keeps
 * the one waiting and moves it to the earlier of the two run times. Returns the waiting job's id.
 */
export async function insertJob(db: Db, job: NewJob, now: string): Promise<number> {
  const earlier = db.dialect === 'postgres' ? 'least(jobs.run_at, excluded.run_at)' : 'min(jobs.run_at, excluded.run_at)';
  const row = await db.get<{ id: number }>(
    `insert into jobs (kind, payload, dedupe_key, status, run_at, max_attempts, created_at) values (?, ?, ?, 'queued', ?, ?, ?)
     on conflict (dedupe_key) where status = 'queued' do update set run_at = ${earlier}
     returning id`,
    [job.kind, JSON.stringify(job.payload ?? {}), job.dedupeKey, job.runAt, job.maxAttempts, now],
  );
  return Number(row!.id);
}

/**
 * Takes the next due job of the given kinds: a queued one whose time has come, or a running one
 * whose worker's lease ran out (it crashed). The claim and the lease are one statement.
 */
export async function claimJob(db: Db, kinds: readonly string[], worker: string, now: string, leaseUntil: string): Promise<Job | null> {
  if (!kinds.length) return null;
  const pick = `select id from jobs
    where kind in (${placeholders(kinds.length)})
      and ((status = 'queued' and run_at <= ?) or (status = 'running' and locked_until < ?))
    order by run_at, id limit 1`;
  const row = await db.get<JobRow>(
    `update jobs set status = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?
     where id = (${pick}${db.dialect === 'postgres' ? ' for update skip locked' : ''})
     returning id, kind, payload, dedupe_key, status, run_at, attempts, max_attempts, last_error`,
    [worker, leaseUntil, ...kinds, now, now],
  );
  return row ? rowToJob(row) : null;
}

/** Extends a running job's lease; false when another worker has taken it over meanwhile. */
export async function extendLease(db: Db, id: number, worker: string, leaseUntil: string): Promise<boolean> {
  const r = await db.run(`update jobs set locked_until = ? where id = ? and status = 'running' and locked_by = ?`, [leaseUntil, id, worker]);
  return r.changes === 1;
}

export async function completeJob(db: Db, id: number, worker: string, now: string): Promise<void> {
  await db.run(
    `update jobs set status = 'done', finished_at = ?, locked_by = null, locked_until = null, last_error = null
     where id = ? and locked_by = ?`,
    [now, id, worker],
  );
}

/**
 * Puts a failed run back in the queue for later. When an equal job (same dedupe key) is already
 * waiting, that one will do the work, so this one is closed instead of waiting twice.
 */
export async function retryJob(db: Db, id: number, worker: string, error: string, runAt: string, now: string): Promise<void> {
  await db.tx(async (tx) => {
    const job = await tx.get<{ dedupe_key: string | null }>('select dedupe_key from jobs where id = ? and locked_by = ?', [id, worker]);
    if (!job) return;
    const twin = job.dedupe_key
      ? await tx.get(`select id from jobs where dedupe_key = ? and status = 'queued'`, [job.dedupe_key])
      : undefined;
    if (twin) {
      await tx.run(`update jobs set status = 'done', finished_at = ?, locked_by = null, locked_until = null, last_error = ? where id = ?`, [now, error, id]);
    } else {
      await tx.run(`update jobs set status = 'queued', run_at = ?, locked_by = null, locked_until = null, last_error = ? where id = ?`, [runAt, error, id]);
    }
  });
}

export async function failJob(db: Db, id: number, worker: string, error: string, now: string): Promise<void> {
  await db.run(
    `update jobs set status = 'failed', finished_at = ?, locked_by = null, locked_until = null, last_error = ? where id = ? and locked_by = ?`,
    [now, error, id, worker],
  );
}

/** Finished jobs older than the cutoff are forgotten; failed ones are kept for the admin page. */
export async function deleteFinishedJobs(db: Db, before: string): Promise<number> {
  return (await db.run(`delete from jobs where status = 'done' and finished_at < ?`, [before])).changes;
}

export async function jobCounts(db: Db): Promise<{ kind: string; status: JobStatus; n: number }[]> {
  const rows = await db.all<{ kind: string; status: JobStatus; n: number }>(
    'select kind, status, cast(count(*) as integer) as n from jobs group by kind, status order by kind, status',
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function recentFailedJobs(db: Db, limit: number): Promise<(Job & { finishedAt: string | null })[]> {
  const rows = await db.all<JobRow & { finished_at: string | null }>(
    `select * from jobs where status = 'failed' or (status = 'queued' and last_error is not null) order by id desc limit ?`,
    [limit],
  );
  return rows.map((r) => ({ ...rowToJob(r), finishedAt: r.finished_at }));
}

/** When the next queued job is due (to sleep until then), or null. */
export async function nextJobTime(db: Db, kinds: readonly string[]): Promise<string | null> {
  if (!kinds.length) return null;
  const row = await db.get<{ t: string | null }>(
    `select min(run_at) as t from jobs where status = 'queued' and kind in (${placeholders(kinds.length)})`,
    kinds,
  );
  return row?.t ?? null;
}

/** The waiting runs of periodic jobs (their dedupe keys are `periodic:NAME`), soonest first. */
export async function queuedPeriodicRuns(db: Db): Promise<{ name: string; at: string }[]> {
  const rows = await db.all<{ dedupe_key: string; run_at: string }>(
    `select dedupe_key, run_at from jobs where status = 'queued' and dedupe_key like 'periodic:%' order by run_at, dedupe_key`,
  );
  return rows.map((r) => ({ name: r.dedupe_key.slice('periodic:'.length), at: r.run_at }));
}
