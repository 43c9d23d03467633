// The durable job queue's API: enqueue work of a kind, and define what each kind does.
// Jobs live in the database, so they survive restarts and any paperboy process may run them.
import type { Config } from '../config.ts';
import type { Db } from '../db/driver.ts';
import { insertJob, type Job } from '../db/jobs.ts';
import type { Logger } from '../log.ts';

export interface JobDeps {
  db: Db;
  config: Config;
  log: Logger;
}

export interface JobContext extends JobDeps {
  job: Job;
  /** Long jobs call this now and then to keep their lease (so no other worker takes them over). */
  heartbeat(): Promise<void>;
  /** Aborted when the process is shutting down: a long job stops and is retried later. */
  signal: AbortSignal;
}

export interface JobKind<P = any> {
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Attempts before the job is marked failed (default 10). */
  maxAttempts?: number;
  /** How long a worker may hold the job without a heartbeat (default 10 minutes). */
  leaseMs?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one waiting job per key: enqueueing again keeps one, at the earlier time. */
  dedupeKey?: string;
  maxAttempts?: number;
}

type Wake = () => void;
const wakers = new Set<Wake>();

/** Runners in this process ask to be woken when a job is enqueued, instead of waiting a poll. */
export function onEnqueue(wake: Wake): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

/** Queues a job of a kind; returns its id. Call inside a transaction to queue it with other writes. */
export async function enqueue(db: Db, kind: string, payload: unknown = {}, options: EnqueueOptions = {}): Promise<number> {
  const now = new Date();
  const id = await insertJob(
    db,
    {
      kind,
      payload,
      runAt: (options.runAt ?? now).toISOString(),
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? 10,
    },
    now.toISOString(),
  );
  if ((options.runAt?.getTime() ?? 0) <= now.getTime() + 1000) for (const wake of wakers) wake();
  return id;
}

/** Delay before retrying a job that threw: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function jobBackoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
