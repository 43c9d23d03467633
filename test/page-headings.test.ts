// Heading order on the list pages: after the page's h1, no heading skips a level (h1 → h3), so
// screen-reader users moving by headings find the papers under a section of the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/ingest/importer.ts';
import type { App } from '../src/app.ts';
import { buildUser, loggedIn } from './accounts.ts';
import { DATABASES, HF_SAMPLE, testApp, testEnv, type TestEnv } from './support.ts';

/** The levels of a page's headings, in order. */
const levels = (page: string) => [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe.each(DATABASES)('heading order on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let cookie = '';
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await importFile(t.db, HF_SAMPLE);
    cookie = (await loggedIn(t, await buildUser(t))).cookie;
  });
  afterAll(async () => t.close());

  it.each(['/', '/papers/date/2025-08-05', '/papers/week/2025-W32', '/papers/month/2025-08', '/papers/trending', '/search?q=image', '/papers/for-you'])(
    '%s goes h1, h2, h3 without a skipped level',
    async (path) => {
      const res = await app.request(path, { headers: { cookie } });
      expect(res.status).toBe(200);
      const found = levels(await res.text());
      expect(found[0], path).toBe(1);
      expect(found.filter((l) => l === 3).length, `${path} has paper cards`).toBeGreaterThan(0);
      found.forEach((level, i) => {
        if (i) expect(level - found[i - 1]!, `${path}: h${found[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
      });
    },
  );
});
