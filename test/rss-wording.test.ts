// What a feed reader shows for each paper: the abstract and its votes in words ("1 upvote"), and for
// a paper without an abstract its authors and list date instead of a bare count.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

describe.each(DATABASES)('feed item wording on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let items: { title: string; description: string }[];
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    const daily = { day: '2025-08-05', submittedAt: '2025-08-05T09:00:00.000Z' };
    await addPapers(t.db, [
      buildPaper({ id: '2508.20001', title: 'One vote', abstract: 'We prove <b>a bound</b> & more.', upvotes: 1, daily }),
      buildPaper({ id: '2508.20002', title: 'No abstract', abstract: '', upvotes: 31, daily, authors: [{ name: 'Emmy Noether' }, { name: 'Ada Lovelace' }] }),
      buildPaper({ id: '2508.20003', title: 'Many votes', upvotes: 1200, daily }),
    ]);
    const res = await app.request('/papers/feed.xml');
    expect(res.status).toBe(200);
    items = [new XMLParser().parse(await res.text()).rss.channel.item].flat();
  });
  afterAll(async () => t.close());

  const item = (title: string) => items.find((i) => i.title === title)!;

  it('says "1 upvote" in the singular and counts with separators', () => {
    expect(item('One vote').description).toBe('We prove <b>a bound</b> & more. (1 upvote)');
    expect(item('Many votes').description).toMatch(/\(1,200 upvotes\)$/);
  });

  it('gives a paper without an abstract its authors and list date', () => {
    expect(item('No abstract').description).toBe('No abstract yet. By Emmy Noether and Ada Lovelace, listed Tuesday, August 5, 2025. (31 upvotes)');
  });
});
