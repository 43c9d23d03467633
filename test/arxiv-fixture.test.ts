// The arXiv stand-in that other suites rely on: fresh papers dated at serve time, composed feeds,
// and the client's answer to a server that sends something other than a feed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArxivUnavailableError, fetchArxivPapers } from '../src/arxiv/index.ts';
import { FIXTURE_IDS, startArxivFixture, type ArxivFixture } from './arxiv-fixture.ts';

let arxiv: ArxivFixture;
const config = () => ({ arxivApiUrl: arxiv.apiUrl, baseUrl: 'http://paperboy.test' });
beforeAll(async () => {
  arxiv = await startArxivFixture();
});
afterAll(() => arxiv.close());
beforeEach(() => arxiv.reset());

describe('startArxivFixture', () => {
  it('offers twelve fresh papers, published an hour before now', async () => {
    expect(FIXTURE_IDS.fresh).toHaveLength(12);
    const before = Date.now();
    const papers = await fetchArxivPapers(config(), FIXTURE_IDS.fresh);
    expect(papers.size).toBe(12);
    for (const paper of papers.values()) {
      const age = before - Date.parse(paper.publishedAt!);
      expect(age).toBeGreaterThan(3595_000);
      expect(age).toBeLessThan(3605_000);
      expect(paper.categories!.length).toBeGreaterThan(0);
    }
  });

  it('dates fresh papers by the test clock, or by freshPublishedAt when a test sets it', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-02T12:00:00Z') });
    try {
      const [paper] = (await fetchArxivPapers(config(), [FIXTURE_IDS.fresh[0]!])).values();
      expect(paper!.publishedAt).toBe('2030-01-02T11:00:00.000Z');
    } finally {
      vi.useRealTimers();
    }
    const saved = arxiv.freshPublishedAt;
    arxiv.freshPublishedAt = () => new Date('2026-01-01T08:00:00Z');
    try {
      const [paper] = (await fetchArxivPapers(config(), [FIXTURE_IDS.fresh[1]!])).values();
      expect(paper).toMatchObject({ publishedAt: '2026-01-01T08:00:00.000Z', updatedAt: '2026-01-01T08:00:00.000Z' });
    } finally {
      arxiv.freshPublishedAt = saved;
    }
  });

  it('answers the HF sample paper, LaTeX and old-style ids from their recordings', async () => {
    const papers = await fetchArxivPapers(config(), [FIXTURE_IDS.fromHfSample, FIXTURE_IDS.latex, FIXTURE_IDS.oldStyle, FIXTURE_IDS.multiVersion]);
    expect(papers.get(FIXTURE_IDS.fromHfSample)).toMatchObject({ title: 'Qwen-Image Technical Report', githubUrl: 'https://github.com/QwenLM/Qwen-Image' });
    expect(papers.get(FIXTURE_IDS.latex)!.title).toContain('$\\mathcal{O}(T)$');
    expect(papers.get(FIXTURE_IDS.oldStyle)!.version).toBe(3);
    expect(papers.get(FIXTURE_IDS.multiVersion)!.version).toBe(2);
  });

  it('counts and logs every request, and failNext only touches the kind it names', async () => {
    arxiv.failNext(1, { status: 502 }, 'oai');
    await fetchArxivPapers(config(), [FIXTURE_IDS.latex]);
    expect(arxiv.requests).toMatchObject([{ kind: 'api', status: 200 }]);
    expect(arxiv.count('oai')).toBe(0);
  });
});

describe('a server that answers 200 with something else', () => {
  it('is ArxivUnavailableError saying what came back', async () => {
    const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/query`;
    try {
      const error = await fetchArxivPapers({ arxivApiUrl: url, baseUrl: 'http://x' }, ['2505.10352']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArxivUnavailableError);
      expect((error as Error).message).toBe('arXiv answered 200 with a document that is not an arXiv feed (not an Atom feed (no <feed> element))');
    } finally {
      server.close();
    }
  });
});
