// `paperboy harvest`: an incremental OAI-PMH ListRecords harvest from arXiv, page by page,
// following resumption tokens, waiting when arXiv says Retry-After, upserting each page.
import type { Config } from '../config.ts';
import type { Db } from '../db/driver.ts';
import { emptyStats, upsertPapers, type UpsertStats } from '../domain/papers.ts';
import { getWithRetry, userAgent, type RetryOptions } from './http.ts';
import { parseOaiPage } from './oai.ts';
import { ArxivFormatError } from './xml.ts';

export type MetadataPrefix = 'arXiv' | 'arXivRaw';

export interface HarvestOptions {
  /** Inclusive UTC days (YYYY-MM-DD) of record datestamps. */
  from?: string;
  until?: string;
  /** An OAI set: cs, math, physics:hep-th, … */
  set?: string;
  /** arXivRaw (default) lists every version with its date; arXiv has structured author names. */
  metadataPrefix?: MetadataPrefix;
  /** Continue an interrupted harvest from this token instead of starting from `from`. */
  resumptionToken?: string;
  /** Least time between two page requests (arXiv asks for 3 s). */
  minIntervalMs?: number;
  /** Retries per page; arXiv's flow control answers 503 with Retry-After of several seconds. */
  retry?: Partial<RetryOptions>;
  onProgress?: (progress: HarvestProgress) => void;
}

export interface HarvestProgress {
  pages: number;
  records: number;
  /** The size of the whole list, when arXiv tells it. */
  completeListSize: number | null;
}

export interface HarvestResult extends UpsertStats, HarvestProgress {
  deleted: number;
}

/** A harvest that stopped partway: what was stored stays; `resumptionToken` continues it. */
export class HarvestError extends Error {
  constructor(message: string, readonly result: HarvestResult, readonly resumptionToken: string | null) {
    super(message);
  }
}

export function oaiRequestUrl(base: string, options: HarvestOptions, token: string | null): string {
  const url = new URL(base);
  url.searchParams.set('verb', 'ListRecords');
  // OAI-PMH makes resumptionToken an exclusive argument: nothing else may go with it.
  if (token) {
    url.searchParams.set('resumptionToken', token);
    return url.toString();
  }
  url.searchParams.set('metadataPrefix', options.metadataPrefix ?? 'arXivRaw');
  if (options.from) url.searchParams.set('from', options.from);
  if (options.until) url.searchParams.set('until', options.until);
  if (options.set) url.searchParams.set('set', options.set);
  return url.toString();
}

export async function harvest(db: Db, config: Pick<Config, 'oaiUrl' | 'baseUrl'>, options: HarvestOptions = {}): Promise<HarvestResult> {
  const result: HarvestResult = { ...emptyStats(), pages: 0, records: 0, completeListSize: null, deleted: 0 };
  let token = options.resumptionToken ?? null;
  let lastRequest = 0;
  do {
    const url = oaiRequestUrl(config.oaiUrl, options, token);
    const interval = options.minIntervalMs ?? 3000;
    // Measured from the end of the previous page, so arXiv never sees two requests closer than this.
    const pause = lastRequest + interval - Date.now();
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    let page;
    try {
      const retry = { budgetMs: 120_000, maxTries: 8, baseDelayMs: 2000, minDelayMs: interval, ...options.retry };
      const res = await getWithRetry(url, { 'user-agent': userAgent(config.baseUrl) }, retry);
      const body = await res.text();
      lastRequest = Date.now();
      if (!res.ok) throw new ArxivFormatError(`arXiv answered ${res.status} to ${url}`);
      page = parseOaiPage(body);
    } catch (e) {
      const where = token ? `after ${result.records} records` : 'on the first page';
      throw new HarvestError(`harvest stopped ${where}: ${(e as Error).message}`, result, token);
    }
    await upsertPapers(db, page.records, result);
    result.pages++;
    result.records += page.records.length;
    result.deleted += page.deleted.length;
    result.completeListSize = page.completeListSize ?? result.completeListSize;
    options.onProgress?.({ pages: result.pages, records: result.records, completeListSize: result.completeListSize });
    token = page.resumptionToken;
  } while (token);
  return result;
}
