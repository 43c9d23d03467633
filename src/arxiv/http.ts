// Talking to arXiv politely and persistently: a descriptive User-Agent, a timeout per request,
// retries with exponential backoff and jitter (honouring Retry-After) inside a time budget.
import { readFileSync } from 'node:fs';

/** arXiv could not be reached or kept answering 5xx/429 until the time budget ran out. */
export class ArxivUnavailableError extends Error {
  constructor(
    message: string,
    /** How many requests were made. */
    readonly tries: number,
    /** arXiv's last HTTP status; null when it was never reached. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ArxivUnavailableError';
  }
}

export interface RetryOptions {
  /** Everything (all tries and waits) must fit in this many milliseconds. */
  budgetMs: number;
  /** Longest wait for one response. Default 15 s (never beyond the budget). */
  timeoutMs?: number;
  /** Most requests made for one call. Default 5. */
  maxTries?: number;
  /** First backoff delay; doubles each try, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Least wait between two tries, whatever the backoff or Retry-After says (bulk etiquette). */
  minDelayMs?: number;
  signal?: AbortSignal;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** arXiv asks API users to identify themselves; the site URL says which instance is calling. */
export function userAgent(baseUrl: string): string {
  return `paperboy/${version} (self-hosted Daily Papers; +${baseUrl})`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Retry-After as delta-seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function backoff(attempt: number, base: number): number {
  const ceiling = base * 2 ** (attempt - 1);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function describeFailure(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/**
 * GETs url until arXiv gives a final answer (2xx, or a 4xx other than 429) and returns that
 * response; connection errors, timeouts, 5xx and 429 are retried while the budget lasts.
 */
export async function getWithRetry(url: string, headers: Record<string, string>, options: RetryOptions): Promise<Response> {
  const deadline = Date.now() + options.budgetMs;
  const maxTries = options.maxTries ?? 5;
  const base = options.baseDelayMs ?? 500;
  let lastStatus: number | null = null;
  let lastProblem = '';
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    const timeout = Math.max(1, Math.min(options.timeoutMs ?? 15_000, remaining));
    let wait: number | null = null;
    try {
      const signals = [AbortSignal.timeout(timeout), ...(options.signal ? [options.signal] : [])];
      const res = await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: 'follow' });
      if (res.status < 500 && res.status !== 429) return res;
      lastStatus = res.status;
      lastProblem = `answered ${res.status}`;
      wait = retryAfterMs(res.headers.get('retry-after'));
      await res.body?.cancel();
    } catch (e) {
      if (options.signal?.aborted) throw e;
      lastProblem = `could not be reached (${describeFailure(e)})`;
    }
    const delay = Math.max(wait ?? backoff(attempt, base), options.minDelayMs ?? 0);
    if (attempt >= maxTries || Date.now() + delay >= deadline) {
      const asked = wait !== null && Date.now() + wait >= deadline ? `, and asked to wait ${Math.ceil(wait / 1000)} s` : '';
      throw new ArxivUnavailableError(`arXiv ${lastProblem} after ${attempt} ${attempt === 1 ? 'try' : 'tries'}${asked}`, attempt, lastStatus);
    }
    await sleep(delay, options.signal);
  }
}
