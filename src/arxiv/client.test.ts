// fetchArxivPapers against the fixture server: batching, unknown ids, retries with backoff and
// Retry-After inside the time budget, and the typed error when arXiv stays away.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_IDS, startArxivFixture, type ArxivFixture } from '../../test/arxiv-fixture.ts';
import { fetchArxivPapers } from './client.ts';
import { ArxivUnavailableError } from './http.ts';

let arxiv: ArxivFixture;
const config = () => ({ arxivApiUrl: arxiv.apiUrl, baseUrl: 'https://papers.example.org' });
/** Short delays keep the suite quick; the defaults are exercised where timing is the point. */
const fast = { baseDelayMs: 50 };

async function failure(promise: Promise<unknown>): Promise<ArxivUnavailableError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ArxivUnavailableError);
    return e as ArxivUnavailableError;
  }
  throw new Error('expected ArxivUnavailableError');
}

beforeAll(async () => {
  arxiv = await startArxivFixture();
});
afterAll(() => arxiv.close());
beforeEach(() => arxiv.reset());

describe('fetchArxivPapers', () => {
  it('looks several ids up in one request, keyed by bare id; unknown ids are absent', async () => {
    const papers = await fetchArxivPapers(config(), ['https://arxiv.org/abs/2505.09814v1', 'hep-th/9711200', FIXTURE_IDS.unknown, 'arxiv.org/pdf/2506.19852.pdf']);
    expect([...papers.keys()].sort()).toEqual(['2505.09814', '2506.19852', 'hep-th/9711200']);
    expect(papers.get('2505.09814')!.version).toBe(1);
    expect(arxiv.count('api')).toBe(1);
    expect(arxiv.requests[0]!.url).toContain('id_list=2505.09814v1%2Chep-th%2F9711200%2C2501.99999%2C2506.19852');
    expect(arxiv.requests[0]!.userAgent).toMatch(/^paperboy\/\d+\.\d+\.\d+ \(self-hosted Daily Papers; \+https:\/\/papers\.example\.org\)$/);
  });

  it('an id arXiv does not know gives an empty map, not an error', async () => {
    expect((await fetchArxivPapers(config(), [FIXTURE_IDS.unknown])).size).toBe(0);
  });

  it('asked for a paper and an older version of it, keeps the latest', async () => {
    const papers = await fetchArxivPapers(config(), ['2505.09814', '2505.09814v1']);
    expect(papers.get('2505.09814')!.version).toBe(2);
  });

  it('a malformed id in a batch (arXiv error entry) does not hide the others', async () => {
    const papers = await fetchArxivPapers(config(), ['2501.1234', '2505.10352']);
    expect([...papers.keys()]).toEqual(['2505.10352']);
    expect(arxiv.requests.map((r) => r.status)).toEqual([400, 400, 200]);
  });

  it('a 503 then success: retried, and the paper comes back', async () => {
    arxiv.failNext(2, { status: 503 });
    const papers = await fetchArxivPapers(config(), ['2505.10352'], fast);
    expect(papers.get('2505.10352')!.title).toMatch(/^SpikeVideoFormer/);
    expect(arxiv.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    arxiv.failNext(1, { status: 429, retryAfter: 1 });
    await fetchArxivPapers(config(), ['2505.10352'], fast);
    const [first, second] = arxiv.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('persistent 503: ArxivUnavailableError within the time budget, after backing off', async () => {
    const started = Date.now();
    const error = await failure(fetchArxivPapers(config(), [FIXTURE_IDS.unavailable], { budgetMs: 3000 }));
    const elapsed = Date.now() - started;
    // The last try is cut off at the deadline; on a loaded machine timers fire a few ms late.
    expect(elapsed).toBeLessThan(3000 + 200);
    expect(error.status).toBe(503);
    expect(error.tries).toBe(arxiv.count('api'));
    expect(error.tries).toBeGreaterThanOrEqual(3);
    expect(error.message).toBe(`arXiv answered 503 after ${error.tries} tries`);
    // Exponential: each wait at least half of base × 2^(n-1).
    const gaps = arxiv.requests.slice(1).map((r, i) => r.at - arxiv.requests[i]!.at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(250 * 2 ** i - 20));
  });

  it('gives up at once when Retry-After is beyond the budget', async () => {
    arxiv.mode = { status: 503, retryAfter: 30 };
    const error = await failure(fetchArxivPapers(config(), ['2505.10352'], { budgetMs: 5000 }));
    expect(arxiv.count()).toBe(1);
    expect(error.message).toBe('arXiv answered 503 after 1 try, and asked to wait 30 s');
  });

  it('a dropped connection is retried like a 503', async () => {
    arxiv.failNext(1, 'drop');
    expect((await fetchArxivPapers(config(), ['hep-th/9711200'], fast)).size).toBe(1);
    expect(arxiv.requests.map((r) => r.status)).toEqual(['dropped', 200]);
  });

  it('a server that never answers times out, and the call still ends within the budget', async () => {
    arxiv.mode = 'hang';
    const started = Date.now();
    const error = await failure(fetchArxivPapers(config(), ['2505.10352'], { budgetMs: 1500, timeoutMs: 400, ...fast }));
    expect(Date.now() - started).toBeLessThan(1700);
    expect(error.message).toMatch(/^arXiv could not be reached \(no answer in time\) after \d+ tries$/);
    expect(error.status).toBeNull();
  });

  it('connection refused: ArxivUnavailableError saying arXiv could not be reached', async () => {
    const closed = await startArxivFixture();
    const url = closed.apiUrl;
    await closed.close();
    const error = await failure(fetchArxivPapers({ arxivApiUrl: url, baseUrl: 'http://x' }, ['2505.10352'], { budgetMs: 2000, ...fast }));
    expect(error.message).toMatch(/^arXiv could not be reached \(ECONNREFUSED\) after \d+ tries$/);
  });

  it('keeps bulk requests at least minIntervalMs apart; a single lookup goes at once', async () => {
    const started = Date.now();
    await fetchArxivPapers(config(), ['2505.10352']);
    expect(arxiv.requests[0]!.at - started).toBeLessThan(200);
    arxiv.reset();
    await fetchArxivPapers(config(), ['2505.10352', '2505.22815', '2506.19852'], { batchSize: 1, minIntervalMs: 300 });
    const at = arxiv.requests.map((r) => r.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(295);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(295);
  });
});
