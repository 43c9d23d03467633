// Looking papers up on the arXiv API by id: batched id_list queries, retried inside a time
// budget, paced to arXiv's "one request every 3 seconds" when many are fetched.
import type { Config } from '../config.ts';
import { parseArxivRef } from '../domain/arxiv-id.ts';
import { ArxivQueryError, parseAtomFeed, type ArxivEntry } from './atom.ts';
import { ArxivUnavailableError, getWithRetry, userAgent, type RetryOptions } from './http.ts';
import { ArxivFormatError } from './xml.ts';

export interface FetchArxivOptions extends Partial<RetryOptions> {
  /** Ids per request (arXiv allows long id_lists; 100 keeps URLs short). */
  batchSize?: number;
  /**
   * Least time between two requests of this call. 0 (the default) suits a single lookup; bulk
   * fetches (the CLI) pass 3000, as arXiv's API terms ask.
   */
  minIntervalMs?: number;
  /** Called after each batch with how many ids are done. */
  onProgress?: (done: number, total: number) => void;
}

export type ArxivConfig = Pick<Config, 'arxivApiUrl' | 'baseUrl'>;

/**
 * Fetches the papers with these ids (bare ids, ids with a version, or abs/pdf URLs) and returns
 * them keyed by bare id. An id arXiv does not know, or that is not an arXiv id at all, is simply
 * absent from the map. Throws ArxivUnavailableError when arXiv cannot be reached or keeps failing
 * within `budgetMs` (default 20 s for the whole call).
 */
export async function fetchArxivPapers(config: ArxivConfig, ids: string[], options: FetchArxivOptions = {}): Promise<Map<string, ArxivEntry>> {
  const budgetMs = options.budgetMs ?? 20_000;
  const deadline = Date.now() + budgetMs;
  const wanted = [...new Set(ids.map((i) => parseArxivRef(i)).filter((r) => r !== null).map((r) => (r.version ? `${r.id}v${r.version}` : r.id)))];
  const batchSize = options.batchSize ?? 100;
  const out = new Map<string, ArxivEntry>();
  let lastRequest = 0;
  const query = async (batch: string[]): Promise<ArxivEntry[]> => {
    // Measured from the end of the previous answer, so arXiv never sees two requests closer than this.
    const pause = lastRequest + (options.minIntervalMs ?? 0) - Date.now();
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    const url = new URL(config.arxivApiUrl);
    url.searchParams.set('id_list', batch.join(','));
    url.searchParams.set('max_results', String(batch.length));
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new ArxivUnavailableError('arXiv did not answer within the time allowed', 0, null);
    const res = await getWithRetry(url.toString(), { 'user-agent': userAgent(config.baseUrl), accept: 'application/atom+xml' }, {
      ...options,
      minDelayMs: options.minIntervalMs,
      budgetMs: remaining,
    });
    const body = await res.text();
    lastRequest = Date.now();
    try {
      return parseAtomFeed(body).entries;
    } catch (e) {
      // The API reports a malformed id with an error entry (and HTTP 400) for the whole query.
      if (e instanceof ArxivQueryError) {
        if (batch.length === 1) return [];
        const one: ArxivEntry[] = [];
        for (const id of batch) one.push(...(await query([id])));
        return one;
      }
      if (e instanceof ArxivFormatError || !res.ok) {
        throw new ArxivUnavailableError(`arXiv answered ${res.status} with a document that is not an arXiv feed (${(e as Error).message})`, 1, res.status);
      }
      throw e;
    }
  };
  for (let i = 0; i < wanted.length; i += batchSize) {
    const batch = wanted.slice(i, i + batchSize);
    for (const entry of await query(batch)) {
      // Asked for a paper and one of its versions: the latest metadata wins, as in storage.
      if ((out.get(entry.id)?.version ?? 0) < entry.version) out.set(entry.id, entry);
    }
    options.onProgress?.(Math.min(i + batchSize, wanted.length), wanted.length);
  }
  return out;
}
