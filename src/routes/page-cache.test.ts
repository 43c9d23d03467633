// Cached list pages never show stale data: any change to papers or daily entries is seen at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import type { App } from '../app.ts';
import { siteVersion } from '../db/site-version.ts';

describe.each(DATABASES)('page cache on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const day = { day: '2025-08-05', submittedAt: '2025-08-05T08:00:00.000Z' };
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await addPapers(t.db, [buildPaper({ id: '2508.20001', title: 'Cached paper', upvotes: 3, daily: day })]);
  });
  afterAll(async () => t.close());

  it('serves the same page twice, then the changed one after an update', async () => {
    const first = await (await app.request('/papers/date/2025-08-05')).text();
    expect(first).toContain('Cached paper');
    expect(await (await app.request('/papers/date/2025-08-05')).text()).toBe(first);

    const before = await siteVersion(t.db);
    await addPapers(t.db, [buildPaper({ id: '2508.20001', title: 'Cached paper, revised', upvotes: 8, daily: day })]);
    expect(await siteVersion(t.db)).toBeGreaterThan(before);
    const after = await (await app.request('/papers/date/2025-08-05')).text();
    expect(after).toContain('Cached paper, revised');
    expect(after).toMatch(/<strong data-vote-count>8<\/strong>/);
  });

  it('drops a hidden paper from the cached page and feed at once', async () => {
    await app.request('/papers/feed.xml');
    await t.db.run('update papers set hidden = 1 where id = ?', ['2508.20001']);
    expect(await (await app.request('/papers/date/2025-08-05')).text()).not.toContain('Cached paper');
    expect(await (await app.request('/papers/feed.xml')).text()).not.toContain('Cached paper');
  });
});
