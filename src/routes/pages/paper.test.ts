// Paper addresses for both id shapes: the page and the thumbnail the API points at work for every id
// the API can return (new style, old style, old style with a subject class), with or without a version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';

const DAY = '2025-08-05';
const IDS = ['2508.04321', 'hep-th/9711200', 'math.AG/0309136', 'cond-mat/0102536'];

describe.each(DATABASES)('paper addresses on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await addPapers(t.db, IDS.map((id, i) => buildPaper({ id, title: `Paper <${id}> & co`, upvotes: 10 - i, daily: { day: DAY, submittedAt: `${DAY}T09:00:00.000Z` } })));
    await addPapers(t.db, [buildPaper({ id: 'hep-ph/9901001', title: 'Hidden old paper', daily: { day: DAY, submittedAt: `${DAY}T09:00:00.000Z` } })]);
    await t.db.run('update papers set hidden = 1 where id = ?', ['hep-ph/9901001']);
  });
  afterAll(() => t.close());

  it('serves the thumbnail the API gives for every id shape, as an escaped SVG title card', async () => {
    const items = (await (await app.request(`/api/daily_papers?date=${DAY}`)).json()) as { paper: { id: string }; thumbnail: string }[];
    expect(items.map((i) => i.paper.id).sort()).toEqual([...IDS].sort());
    for (const item of items) {
      expect(item.thumbnail).toBe(`http://paperboy.test/papers/${item.paper.id}/thumbnail.svg`);
      const res = await app.request(item.thumbnail.replace('http://paperboy.test', ''));
      expect(res.status, item.thumbnail).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      const svg = await res.text();
      expect(svg).toContain(`Paper &lt;${item.paper.id}&gt; &amp; co`);
      expect(svg).toContain(`arXiv:${item.paper.id}`);
    }
  });

  it('serves an old-style id\'s page and thumbnail with a version too, and neither for a hidden or unknown paper', async () => {
    expect((await app.request('/papers/hep-th/9711200v2/thumbnail.svg')).status).toBe(200);
    for (const id of IDS) {
      const page = await app.request(`/papers/${id}`);
      expect(page.status, id).toBe(200);
      expect(await page.text()).toContain(`<p class="kicker">arXiv:${id}`);
    }
    const versioned = await app.request('/papers/math.AG/0309136v3');
    expect(versioned.status).toBe(301);
    expect(versioned.headers.get('location')).toBe('/papers/math.AG/0309136');
    for (const path of ['/papers/hep-ph/9901001/thumbnail.svg', '/papers/hep-ph/9901001', '/papers/hep-th/9999999/thumbnail.svg', '/papers/2508.99999/thumbnail.svg']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});
