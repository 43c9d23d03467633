// harvest() against the fixture's recorded OAI-PMH pages, storing into a real database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startArxivFixture, type ArxivFixture } from '../../test/arxiv-fixture.ts';
import { DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { getPaper } from '../db/daily.ts';
import { paperVersions } from '../db/papers.ts';
import { harvest, HarvestError } from './harvest.ts';

let arxiv: ArxivFixture;
beforeAll(async () => {
  arxiv = await startArxivFixture();
});
afterAll(() => arxiv.close());

describe.each(DATABASES)('harvest on $name', ({ name }) => {
  let t: TestEnv;
  const config = () => ({ oaiUrl: arxiv.oaiUrl, baseUrl: 'http://paperboy.test' });
  const quick = { minIntervalMs: 0, retry: { baseDelayMs: 50, budgetMs: 5000 } };
  beforeEach(async () => {
    arxiv.reset();
    t = await testEnv(name);
  });
  afterEach(() => t.close());

  it('follows the resumption token to the last page and stores every record with its versions', async () => {
    const progress: number[] = [];
    const result = await harvest(t.db, config(), { from: '2025-12-01', set: 'cs', ...quick, onProgress: (p) => progress.push(p.records) });
    expect(result).toMatchObject({ pages: 2, records: 6, inserted: 6, updated: 0, deleted: 1, completeListSize: 7 });
    expect(progress).toEqual([3, 6]);
    expect(arxiv.requests.map((r) => new URL(r.url, 'http://x').search)).toEqual([
      '?verb=ListRecords&metadataPrefix=arXivRaw&from=2025-12-01&set=cs',
      '?verb=ListRecords&resumptionToken=7200008%7C1001',
    ]);
    const paper = await getPaper(t.db, '2506.19852');
    expect(paper).toMatchObject({ title: expect.stringMatching(/^Radial Attention/), latestVersion: 2, publishedAt: '2025-06-24T19:16:10.000Z', githubUrl: 'https://github.com/mit-han-lab/radial-attention' });
    expect(await paperVersions(t.db, '2506.19852')).toEqual([
      { version: 1, submittedAt: '2025-06-24T19:16:10.000Z' },
      { version: 2, submittedAt: '2025-12-06T08:16:48.000Z' },
    ]);
    expect(await getPaper(t.db, '2506.01234')).toBeNull(); // deleted upstream

    const again = await harvest(t.db, config(), { from: '2025-12-01', set: 'cs', ...quick });
    expect(again).toMatchObject({ records: 6, inserted: 0, updated: 0, unchanged: 6 });
  });

  it('the arXiv metadata format gives structured names and day-precision dates', async () => {
    await harvest(t.db, config(), { from: '2025-12-01', metadataPrefix: 'arXiv', ...quick });
    expect(arxiv.requests[0]!.url).toContain('metadataPrefix=arXiv&');
    expect(await getPaper(t.db, '2507.10522')).toMatchObject({ authors: [{ name: "Jennifer D'Souza" }, { name: 'Endres Keno Sander' }, { name: 'Andrei Aioanei' }], publishedAt: '2025-07-14T00:00:00.000Z' });
  });

  it("waits out arXiv's 503 Retry-After between pages and carries on", async () => {
    arxiv.failNext(1, { status: 503, retryAfter: 1 }, 'oai');
    const result = await harvest(t.db, config(), { from: '2025-12-01', ...quick });
    expect(result.records).toBe(6);
    expect(arxiv.requests.map((r) => r.status)).toEqual([503, 200, 200]);
    expect(arxiv.requests[1]!.at - arxiv.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('stopping on page 2 keeps page 1 and says how to resume; resuming finishes the list', async () => {
    const giveUpSoon = { ...quick, retry: { baseDelayMs: 50, budgetMs: 800 } };
    await harvest(t.db, config(), { from: '2025-12-01', ...giveUpSoon, onProgress: () => (arxiv.mode = { status: 503 }) }).then(
      () => expect.unreachable(),
      (e: unknown) => {
        expect(e).toBeInstanceOf(HarvestError);
        const err = e as HarvestError;
        expect(err.message).toMatch(/^harvest stopped after 3 records: arXiv answered 503 after \d+ tries$/);
        expect(err.result.records).toBe(3);
        expect(err.resumptionToken).toBe('7200008|1001');
      },
    );
    expect(await getPaper(t.db, '2505.22815')).not.toBeNull();
    expect(await getPaper(t.db, '2506.19852')).toBeNull();
    arxiv.mode = null;
    const rest = await harvest(t.db, config(), { resumptionToken: '7200008|1001', ...quick });
    expect(rest).toMatchObject({ pages: 1, records: 3, inserted: 3 });
    expect(await getPaper(t.db, '2506.19852')).not.toBeNull();
  });

  it('a window with no records is an empty harvest; a bad token is an error naming it', async () => {
    expect(await harvest(t.db, config(), { from: '2026-01-01', ...quick })).toMatchObject({ pages: 1, records: 0 });
    await expect(harvest(t.db, config(), { resumptionToken: 'nonsense', ...quick })).rejects.toThrow(
      'harvest stopped after 0 records: OAI-PMH error badResumptionToken: The value of the resumptionToken argument is invalid or expired.',
    );
  });
});
