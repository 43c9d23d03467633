import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPaper } from '../db/daily.ts';
import { insertUser } from '../db/users.ts';
import { votedBy, votesByUser } from '../db/votes.ts';
import { addPapers, buildPaper, DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { hotness } from './trending.ts';
import { setUpvote } from './votes.ts';

describe.each(DATABASES)('upvotes on $name', ({ name }) => {
  let t: TestEnv;
  let ada: number;
  let alan: number;
  const listedAt = '2025-08-05T10:00:00.000Z';
  const listed = buildPaper({ upvotes: 3, daily: { day: '2025-08-05', submittedAt: listedAt } });
  const unlisted = buildPaper();
  const hidden = buildPaper();

  beforeAll(async () => {
    t = await testEnv(name);
    await addPapers(t.db, [listed, unlisted, hidden]);
    await t.db.run('update papers set hidden = 1 where id = ?', [hidden.id]);
    const now = new Date().toISOString();
    ada = (await insertUser(t.db, { username: 'ada', email: 'ada@example.org', passwordHash: null }, now)).id;
    alan = (await insertUser(t.db, { username: 'alan', email: 'alan@example.org', passwordHash: null }, now)).id;
  });
  afterAll(() => t.close());

  it('counts a vote once however often it is cast, adds to the imported baseline and moves the trending key', async () => {
    expect(await setUpvote(t.db, ada, listed.id, true)).toEqual({ upvotes: 4, upvoted: true });
    expect(await setUpvote(t.db, ada, listed.id, true)).toEqual({ upvotes: 4, upvoted: true });
    expect(await setUpvote(t.db, alan, listed.id, true)).toEqual({ upvotes: 5, upvoted: true });
    const paper = await getPaper(t.db, listed.id);
    expect(paper?.upvotes).toBe(5);
    expect(paper?.daily?.hot).toBeCloseTo(hotness(5, listedAt), 9);
  });

  it('takes a vote back, twice being the same as once', async () => {
    expect(await setUpvote(t.db, alan, listed.id, false)).toEqual({ upvotes: 4, upvoted: false });
    expect(await setUpvote(t.db, alan, listed.id, false)).toEqual({ upvotes: 4, upvoted: false });
    expect((await getPaper(t.db, listed.id))?.daily?.hot).toBeCloseTo(hotness(4, listedAt), 9);
  });

  it('votes on a paper that is not on a daily list', async () => {
    expect(await setUpvote(t.db, alan, unlisted.id, true)).toEqual({ upvotes: 1, upvoted: true });
  });

  it('tells which papers of a list a user voted for', async () => {
    expect([...(await votedBy(t.db, ada, [listed.id, unlisted.id, hidden.id]))]).toEqual([listed.id]);
    expect((await votedBy(t.db, null, [listed.id])).size).toBe(0);
    expect((await votesByUser(t.db, alan, 10)).map((v) => v.paperId)).toEqual([unlisted.id]);
  });

  it('refuses unknown and hidden papers with 404 and stores nothing', async () => {
    await expect(setUpvote(t.db, ada, '2501.99999', true)).rejects.toMatchObject({ status: 404 });
    await expect(setUpvote(t.db, ada, hidden.id, true)).rejects.toMatchObject({ status: 404 });
    expect((await votedBy(t.db, ada, [hidden.id])).size).toBe(0);
  });
});
