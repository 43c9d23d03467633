// Requests the lists, search and the API must refuse, or answer, in so many words: pages past the
// end, numbers out of range, reversed date ranges, bad ids and versions, wrong methods, far-off dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import type { App } from '../app.ts';

// Week 2025-W34 runs from Monday 2025-08-18 to Sunday 2025-08-24: 108 papers, three pages of 50.
const WEEK_DAYS = ['2025-08-18', '2025-08-19', '2025-08-20'];
const LAST_DAY = '2025-08-27'; // 17 papers, the latest day

describe.each(DATABASES)('request checks on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    const week = Array.from({ length: 108 }, (_, i) => {
      const day = WEEK_DAYS[i % 3]!;
      return buildPaper({ id: `2508.${String(40000 + i)}`, upvotes: i, daily: { day, submittedAt: `${day}T09:00:00.000Z` } });
    });
    const last = Array.from({ length: 17 }, (_, i) => buildPaper({ id: `2508.${String(50000 + i)}`, daily: { day: LAST_DAY, submittedAt: `${LAST_DAY}T09:00:00.000Z` } }));
    await addPapers(t.db, [...week, ...last]);
  });
  afterAll(() => t.close());

  const refusal = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    const text = await res.text();
    const message = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as { message: string }).message : text;
    return { status: res.status, message, res };
  };

  it('says the real range of a number that is too large, on the API and the pages', async () => {
    expect(await refusal('/api/daily_papers?p=100001')).toMatchObject({ status: 400, message: 'p must be at most 100,000' });
    expect(await refusal('/api/daily_papers?p=many')).toMatchObject({ status: 400, message: 'p must be a number' });
    expect(await refusal('/api/papers/search?q=x&p=51')).toMatchObject({ status: 400, message: 'p must be at most 50' });
    expect(await refusal('/api/papers/search?q=x&min_upvotes=2000000')).toMatchObject({ status: 400, message: 'min_upvotes must be at most 1,000,000' });
    const page = await refusal('/papers/week/2025-W34?page=999999');
    expect(page.status).toBe(400);
    expect(page.message).toContain('page must be between 1 and 10,000, not &quot;999999&quot;');
    expect((await refusal('/papers/week/2025-W34?page=two')).message).toContain('page must be a number');
  });
});
