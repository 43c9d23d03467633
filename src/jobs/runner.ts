// Runs queued jobs: claims one (with a lease), runs its kind's handler, records done / retry with
// backoff / failed. `paperboy serve` keeps a runner going; commands and tests run what is due now.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { claimJob, completeJob, extendLease, failJob, nextJobTime, retryJob, type Job } from '../db/jobs.ts';
import { jobBackoffMs, onEnqueue, type JobDeps, type JobKind } from './queue.ts';
import { jobKinds, schedulePeriodicJobs } from './registry.ts';

const DEFAULT_LEASE_MS = 10 * 60_000;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

/** Runs one claimed job to its end state. */
async function runClaimed(deps: JobDeps, job: Job, worker: string, kinds: Record<string, JobKind>, signal: AbortSignal): Promise<void> {
  const kind = kinds[job.kind]!;
  const leaseMs = kind.leaseMs ?? DEFAULT_LEASE_MS;
  const lease = () => new Date(Date.now() + leaseMs).toISOString();
  if (leaseMs !== DEFAULT_LEASE_MS) await extendLease(deps.db, job.id, worker, lease());
  const started = performance.now();
  try {
    await kind.run(job.payload, { ...deps, job, signal, heartbeat: async () => void (await extendLease(deps.db, job.id, worker, lease())) });
    await completeJob(deps.db, job.id, worker, new Date().toISOString());
    deps.log.debug({ job: job.id, kind: job.kind, ms: Math.round(performance.now() - started) }, 'job done');
  } catch (err) {
    const now = new Date();
    if (signal.aborted) {
      await retryJob(deps.db, job.id, worker, 'interrupted by shutdown', now.toISOString(), now.toISOString());
      deps.log.info({ job: job.id, kind: job.kind }, 'job interrupted by shutdown; queued to run again');
    } else if (job.attempts >= job.maxAttempts) {
      await failJob(deps.db, job.id, worker, describe(err), now.toISOString());
      deps.log.error({ job: job.id, kind: job.kind, attempts: job.attempts, err }, 'job failed for good');
    } else {
      const runAt = new Date(now.getTime() + jobBackoffMs(job.attempts));
      await retryJob(deps.db, job.id, worker, describe(err), runAt.toISOString(), now.toISOString());
      deps.log.warn({ job: job.id, kind: job.kind, attempts: job.attempts, retryAt: runAt.toISOString(), error: describe(err) }, 'job failed, will retry');
    }
  }
}

async function claimNext(deps: JobDeps, worker: string, kinds: Record<string, JobKind>): Promise<Job | null> {
  const now = Date.now();
  return claimJob(deps.db, Object.keys(kinds), worker, new Date(now).toISOString(), new Date(now + DEFAULT_LEASE_MS).toISOString());
}

/**
 * Runs every job that is due now, one after another, until none is left (jobs the run itself
 * queues for now included). Returns how many ran. For commands and tests.
 */
export async function runDueJobs(deps: JobDeps, kinds: Record<string, JobKind> = jobKinds): Promise<number> {
  const worker = workerId();
  let n = 0;
  const never = new AbortController().signal; // a command runs its jobs to the end
  for (let job = await claimNext(deps, worker, kinds); job; job = await claimNext(deps, worker, kinds)) {
    await runClaimed(deps, job, worker, kinds, never);
    n++;
  }
  return n;
}

export interface RunnerOptions {
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** Longest sleep between looks at the queue (other processes enqueue too). */
  pollMs?: number;
  /** The kinds this runner takes (default: all of the app's). */
  kinds?: Record<string, JobKind>;
}

/** Starts the in-process runner (`paperboy serve`); resolves to its stop function. */
export async function startJobRunner(deps: JobDeps, options: RunnerOptions = {}): Promise<() => Promise<void>> {
  const { concurrency = 2, pollMs = 5_000, kinds = jobKinds } = options;
  const worker = workerId();
  let stopped = false;
  const shutdown = new AbortController();
  const sleepers = new Set<() => void>();
  // Counts wake-ups, so one that arrives between "queue looked empty" and "asleep" is not lost.
  let wakes = 0;
  const wakeAll = () => {
    wakes++;
    for (const wake of [...sleepers]) wake();
  };
  const unsubscribe = onEnqueue(wakeAll);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(10, ms));
      sleepers.add(done);
    });

  const schedule = async () => {
    try {
      await schedulePeriodicJobs(deps.db, deps.config, new Date());
    } catch (err) {
      deps.log.error({ err }, 'could not schedule the periodic jobs');
    }
  };
  await schedule();
  const scheduler = setInterval(() => void schedule(), 60_000);

  const loop = async () => {
    while (!stopped) {
      const seen = wakes;
      try {
        const job = await claimNext(deps, worker, kinds);
        if (job) {
          await runClaimed(deps, job, worker, kinds, shutdown.signal);
          await schedule(); // a periodic job that just ran is queued for its next time
          continue;
        }
        const next = await nextJobTime(deps.db, Object.keys(kinds));
        if (wakes === seen) await sleep(next ? Math.min(pollMs, Date.parse(next) - Date.now()) : pollMs);
      } catch (err) {
        deps.log.error({ err }, 'job runner could not reach the queue');
        await sleep(pollMs);
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  deps.log.info({ worker, concurrency }, 'job runner started');

  return async () => {
    stopped = true;
    shutdown.abort();
    clearInterval(scheduler);
    unsubscribe();
    wakeAll();
    await Promise.all(loops);
  };
}
