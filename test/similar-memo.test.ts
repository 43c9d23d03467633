// Similar papers are remembered per paper, and never outlive a change of the index: a new paper shows
// up, a hidden one goes, a re-embedded one is ranked by its new vector, through the paper page and the
// API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.ts';
import { setPaperHidden } from '../src/db/moderation.ts';
import { currentModel, upsertVectors } from '../src/db/vectors.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { topicPapers } from './search-corpus.ts';
import { DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

describe.each(DATABASES)('remembered similar papers on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let ranked: ReturnType<typeof vi.spyOn>;
  const corpus = topicPapers(12);
  const paper = corpus.find((p) => p.topic === 'diffusion')!;
  // The paper's own words again: the most similar paper there can be.
  const twin = { ...paper, id: '2602.00001', title: `${paper.title} revisited` };

  const onPage = async () => {
    const body = await (await app.request(`/papers/${paper.id}`)).text();
    const section = body.slice(body.indexOf('<h2 id="similar">'), body.indexOf('</section>', body.indexOf('<h2 id="similar">')));
    return [...section.matchAll(/href="\/papers\/([0-9.]+)"/g)].map((m) => m[1]);
  };
  const fromApi = async (limit = 10) => {
    const res = await app.request(`/api/papers/${paper.id}/similar?limit=${limit}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { paper: { id: string } }[]).map((i) => i.paper.id);
  };

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await upsertPapers(t.db, corpus);
    await retrain(t.db, searchEngine(t.db).semantic, { dims: 16, minCount: 2 });
    // As a server does: keywords ranked by this process's index (built here before the first view).
    await searchEngine(t.db).ready();
    ranked = vi.spyOn(searchEngine(t.db) as unknown as { rank: () => unknown }, 'rank');
  });
  afterAll(async () => t.close());

  it('ranks once for repeated views of a paper, the page and the API alike', async () => {
    const first = await onPage();
    expect(first.length).toBeGreaterThan(2);
    expect(first).not.toContain(paper.id);
    const calls = ranked.mock.calls.length;
    expect(await onPage()).toEqual(first);
    // The API's ten start with the page's six: one answer serves both.
    expect((await fromApi()).slice(0, first.length)).toEqual(first);
    expect(ranked.mock.calls.length).toBe(calls);
  });

  it('shows a new similar paper at once, and drops it once hidden', async () => {
    await upsertPapers(t.db, [twin]);
    expect((await onPage())[0]).toBe(twin.id);
    expect((await fromApi())[0]).toBe(twin.id);

    await setPaperHidden(t.db, twin.id, true, new Date().toISOString());
    expect(await onPage()).not.toContain(twin.id);
    expect(await fromApi(50)).not.toContain(twin.id);
  });

  it('ranks a re-embedded paper by its new vector, and a new model afresh', async () => {
    const model = (await currentModel(t.db))!;
    // Papers of other topics share no word with this one: they are found by meaning alone, ranked by the cosine.
    const others = (ids: string[]) => ids.filter((id) => corpus.find((c) => c.id === id)?.topic !== 'diffusion');
    const before = others(await fromApi(50));
    const far = before.at(-1)!;
    expect(before[0]).not.toBe(far);
    // Another process re-embeds the least similar of them with this paper's own vector: only the vectors change.
    const own = (await (await searchEngine(t.db).semantic.current())!.search.get(paper.id))!;
    await upsertVectors(t.db, model.id, [{ paperId: far, vector: own }]);
    expect(others(await fromApi(50))[0]).toBe(far);

    const calls = ranked.mock.calls.length;
    await fromApi(50);
    expect(ranked.mock.calls.length).toBe(calls);
    // A new model embeds every paper from its own words again.
    await retrain(t.db, searchEngine(t.db).semantic, { dims: 16, minCount: 2 });
    const after = await fromApi(50);
    expect(ranked.mock.calls.length).toBe(calls + 1);
    expect(others(after)[0]).not.toBe(far);
    expect(after).not.toContain(twin.id);
  });
});
