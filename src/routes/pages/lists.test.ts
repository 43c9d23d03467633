// The day, week and month pages when their papers run over several pages: the heading gives the
// period's whole count (hidden papers left out) and which page this is; /papers/ with a slash works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';

// Week 2025-W34 runs from Monday 2025-08-18 to Sunday 2025-08-24.
const BUSY_DAYS = ['2025-08-18', '2025-08-19', '2025-08-20'];
const QUIET_DAY = '2025-08-27'; // week 35

describe.each(DATABASES)('list pages on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    // 123 papers in week 34 (41 a day), one of them hidden later; 3 papers in week 35.
    const busy = Array.from({ length: 123 }, (_, i) => {
      const day = BUSY_DAYS[i % 3]!;
      return buildPaper({ id: `2508.${String(20000 + i)}`, upvotes: i, daily: { day, submittedAt: `${day}T09:00:00.000Z` } });
    });
    const quiet = Array.from({ length: 3 }, (_, i) => buildPaper({ id: `2508.${String(30000 + i)}`, daily: { day: QUIET_DAY, submittedAt: `${QUIET_DAY}T09:00:00.000Z` } }));
    await addPapers(t.db, [...busy, ...quiet]);
    await t.db.run('update papers set hidden = 1 where id = ?', ['2508.20000']);
  });
  afterAll(() => t.close());

  const subheading = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    const body = await res.text();
    const sub = /<p class="sub">([^<]*)<\/p>/.exec(body)?.[1];
    const cards = [...body.matchAll(/<li class="card">/g)].length;
    return { sub, cards };
  };

  it('gives a long week\'s whole count and the page number on each of its pages', async () => {
    expect(await subheading('/papers/week/2025-W34')).toEqual({ sub: 'Week 34, 2025 · 122 papers, page 1 of 3 · 2025-08-18 to 2025-08-24', cards: 50 });
    expect(await subheading('/papers/week/2025-W34?page=2')).toEqual({ sub: 'Week 34, 2025 · 122 papers, page 2 of 3 · 2025-08-18 to 2025-08-24', cards: 50 });
    expect(await subheading('/papers/week/2025-W34?page=3')).toEqual({ sub: 'Week 34, 2025 · 122 papers, page 3 of 3 · 2025-08-18 to 2025-08-24', cards: 22 });
  });

  it('gives the month\'s count across its weeks, and a short list\'s count without pages', async () => {
    expect((await subheading('/papers/month/2025-08')).sub).toBe('August 2025 · 125 papers, page 1 of 3 · 2025-08-01 to 2025-08-31');
    expect(await subheading('/papers/week/2025-W35')).toEqual({ sub: 'Week 35, 2025 · 3 papers · 2025-08-25 to 2025-08-31', cards: 3 });
    expect((await subheading('/papers/date/2025-08-18')).sub).toBe('Monday, August 18, 2025 · 40 papers');
  });

  it('sends /papers/ and other /papers addresses typed with a trailing slash to the page without it', async () => {
    for (const [from, to] of [
      ['/papers/', '/papers'],
      ['/papers/?page=1', '/papers?page=1'],
      ['/papers/week/2025-W34/', '/papers/week/2025-W34'],
      ['/papers/2508.20001/', '/papers/2508.20001'],
    ]) {
      const res = await app.request(from!);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
      expect((await app.request(to!)).status, to).toBe(200);
    }
    expect((await app.request('/papers/', { method: 'POST' })).status).not.toBe(301); // only reading is redirected
  });
});
