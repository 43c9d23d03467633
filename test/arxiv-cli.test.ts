// `paperboy fetch`, `harvest` and `import --format arxiv` run as a user runs them, against the
// arXiv fixture server, checked through the site's own API.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURE_IDS, startArxivFixture, type ArxivFixture } from './arxiv-fixture.ts';
import { runCli } from './cli.ts';
import { DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

let arxiv: ArxivFixture;
beforeAll(async () => {
  arxiv = await startArxivFixture();
});
afterAll(() => arxiv.close());

describe.each(DATABASES)('arXiv commands on $name', ({ name }) => {
  let t: TestEnv;
  let env: Record<string, string>;
  beforeEach(async () => {
    arxiv.reset();
    t = await testEnv(name);
    env = { PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false', ...arxiv.env };
  });
  afterEach(() => t.close());

  const apiPaper = async (id: string) => {
    const res = await testApp(t).request(`/api/papers/${id}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('fetch stores what arXiv knows, reports the unknown id and exits non-zero', async () => {
    const run = await runCli(['fetch', '2505.09814', 'https://arxiv.org/abs/hep-th/9711200v3', FIXTURE_IDS.unknown], env);
    expect(run.stdout.split('\n')).toEqual([
      '2505.09814v2\tstored\t$XX^{t}$ Can Be Faster',
      'hep-th/9711200v3\tstored\tThe Large N Limit of Superconformal Field Theories and Supergravity',
      '2501.99999\tunknown\tarXiv does not know this id',
      '',
    ]);
    expect(run.stderr).toBe('paperboy: fetch: arXiv does not know 1 of the 3 ids\n');
    expect(run.code).toBe(1);
    expect(arxiv.count('api')).toBe(1);

    const paper = await apiPaper('2505.09814');
    expect(paper.status).toBe(200);
    expect(paper.body).toMatchObject({
      id: '2505.09814',
      title: '$XX^{t}$ Can Be Faster',
      authors: [{ name: 'Dmitry Rybin' }, { name: 'Yushun Zhang' }, { name: 'Zhi-Quan Luo' }],
      publishedAt: '2025-05-14T10:53:06.000Z',
    });
    expect(paper.body.summary).toMatch(/^We present RXTX/);
    expect((await apiPaper('hep-th/9711200')).body).toMatchObject({ id: 'hep-th/9711200', authors: [{ name: 'Juan M. Maldacena' }] });
    expect((await apiPaper(FIXTURE_IDS.unknown)).status).toBe(404);

    const again = await runCli(['fetch', 'arxiv.org/pdf/2505.09814v2'], env);
    expect(again).toMatchObject({ code: 0, stdout: '2505.09814v2\tunchanged\t$XX^{t}$ Can Be Faster\n', stderr: '' });
  });

  it('fetch says cleanly when arXiv is unavailable, and stores nothing', async () => {
    // Retry-After: 0 makes the retries immediate; the backoff itself is tested in client.test.ts.
    arxiv.mode = { status: 503, retryAfter: 0 };
    const run = await runCli(['fetch', '2505.10352'], env);
    expect(run.code).toBe(69);
    expect(run.stderr).toBe('paperboy: fetch: arXiv answered 503 after 5 tries; nothing stored\n');
    expect(arxiv.count('api')).toBe(5);
    expect((await apiPaper('2505.10352')).status).toBe(404);
  });

  it('fetch refuses what is not an id before asking arXiv', async () => {
    const run = await runCli(['fetch', '2505.10352', 'hello world'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('paperboy: fetch: "hello world" is not an arXiv id (2508.01234, hep-th/9901001) or an arxiv.org abs/pdf URL\n');
    expect(arxiv.count()).toBe(0);
  });

  it('import reads an Atom feed and an OAI-PMH page, by --format arxiv or by detection', async () => {
    const atom = await runCli(['import', '--format', 'arxiv', join(FIXTURE_DIR, 'api/2506.19852.xml')], env);
    expect(atom.code).toBe(0);
    expect(atom.stdout).toMatch(/2506\.19852\.xml: 1 records \(arxiv\): 1 new, 0 updated, 0 unchanged/);
    const oai = await runCli(['import', join(FIXTURE_DIR, 'oai/arXivRaw-1.xml')], env);
    expect(oai.code).toBe(0);
    expect(oai.stdout).toMatch(/arXivRaw-1\.xml: 3 records \(arxiv\): 3 new/);
    expect((await apiPaper('2506.19852')).body).toMatchObject({ githubRepo: 'https://github.com/mit-han-lab/radial-attention' });
    expect((await apiPaper('2505.22815')).body).toMatchObject({ title: expect.stringMatching(/^IMTS is Worth Time \$\\times\$ Channel Patches/) });

    const error = await runCli(['import', '--format', 'arxiv', join(FIXTURE_DIR, 'api/error.xml')], env);
    expect(error.code).toBe(65);
    expect(error.stderr).toContain('error.xml: document: arXiv refused the query: incorrect id format for 1234.12345');
  });

  it('harvest follows the resumption token and prints a summary', async () => {
    const run = await runCli(['harvest', '--from', '2025-12-01', '--set', 'cs'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^harvested 6 records in 2 pages: 6 new, 0 updated, 0 unchanged, 1 deleted upstream \(skipped\), in \d+\.\d s\n$/);
    // arXiv's etiquette: the second page no sooner than 3 s after the first.
    expect(arxiv.requests[1]!.at - arxiv.requests[0]!.at).toBeGreaterThanOrEqual(2990);
    expect((await apiPaper('2507.10522')).status).toBe(200);

    const bad = await runCli(['harvest', '--from', '2025-12-01', '--until', '2025-11-30'], env);
    expect(bad).toMatchObject({ code: 2, stderr: 'paperboy: harvest: --until 2025-11-30 is before --from 2025-12-01\n' });
  });

  it('harvest --resume continues from the token, and refuses a malformed or refused one as a usage error', async () => {
    const resumed = await runCli(['harvest', '--resume', '7200008|1001'], env);
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(resumed.stdout).toMatch(/^harvested 3 records in 1 page: 3 new, /);
    expect(arxiv.requests.map((r) => r.url)).toEqual([expect.stringMatching(/\?verb=ListRecords&resumptionToken=7200008%7C1001$/)]);

    const bogus = await runCli(['harvest', '--resume', 'bogus'], env);
    expect(bogus).toMatchObject({
      code: 2,
      stderr: 'paperboy: harvest: --resume "bogus" is not an arXiv resumption token (those look like 7200005|1001 or …skip%3D1000): pass the one a stopped harvest printed, or start again with --from YYYY-MM-DD\n',
    });
    expect(arxiv.requests).toHaveLength(1); // arXiv was not asked

    const expired = await runCli(['harvest', '--resume', 'verb%3DListRecords%26metadataPrefix%3DarXivRaw%26skip%3D1000'], env);
    expect(expired).toMatchObject({
      code: 2,
      stderr: "paperboy: harvest: arXiv refused --resume 'verb%3DListRecords%26metadataPrefix%3DarXivRaw%26skip%3D1000' as invalid or expired (tokens last about a day): start again with --from YYYY-MM-DD\n",
    });
  });
});
