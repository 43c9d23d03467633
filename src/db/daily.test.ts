// upsertDailyEntry stores a listing exactly as the domain merge made it: the database keeps no
// stored value on its own (a null clears), and only a member's listing is never replaced by an import.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildUser } from '../../test/accounts.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import { mergeDaily } from '../domain/papers.ts';
import { dailyRecordsByIds, upsertDailyEntry, type DailyRecord } from './daily.ts';
import { claimDailyEntry } from './submissions.ts';

const DAY = '2026-08-21';
const rich = (paperId: string): DailyRecord => ({
  paperId, day: DAY, submittedAt: `${DAY}T04:39:37.929Z`, submittedBy: null, submitterName: 'KouShi2',
  submitter: { _id: '65df4f5af3efe60b06ea1409', user: 'KouShi2', fullname: 'Kou Shi' },
  itemPublishedAt: '2026-08-18T20:00:00.000Z', authorParticipating: true,
});

describe.each(DATABASES)('upsertDailyEntry on $name', ({ name }) => {
  let t: TestEnv;
  beforeEach(async () => {
    t = await testEnv(name);
  });
  afterEach(async () => t.close());

  const item = async (id: string) => {
    const list = (await (await testApp(t).request(`/api/daily_papers?date=${DAY}`)).json()) as any[];
    return list.find((i) => i.paper.id === id);
  };

  it('stores what it is given, nulls included: keeping a stored value is the merge’s decision alone', async () => {
    const paper = buildPaper();
    await addPapers(t.db, [paper]);
    expect(await upsertDailyEntry(t.db, rich(paper.id), 1)).toBe(true);
    expect(await item(paper.id)).toMatchObject({ submittedBy: { name: 'KouShi2', fullname: 'Kou Shi' }, isAuthorParticipating: true, publishedAt: '2026-08-18T20:00:00.000Z' });

    const cleared: DailyRecord = { ...rich(paper.id), submittedAt: `${DAY}T09:00:00.000Z`, submitterName: null, submitter: null, itemPublishedAt: null, authorParticipating: null };
    expect(await upsertDailyEntry(t.db, cleared, 2)).toBe(true);
    expect((await dailyRecordsByIds(t.db, [paper.id])).get(paper.id)).toEqual(cleared);
    const shown = await item(paper.id);
    // What the API shows for a listing whose source said nothing of these.
    expect(shown).toMatchObject({ submittedBy: { name: '(unknown)' }, isAuthorParticipating: false, publishedAt: paper.publishedAt });
    expect(shown.paper.submittedOnDailyAt).toBe(`${DAY}T09:00:00.000Z`);
  });

  it('round-trips false as false, not as a missing value', async () => {
    const paper = buildPaper();
    await addPapers(t.db, [paper]);
    await upsertDailyEntry(t.db, { ...rich(paper.id), authorParticipating: false }, 1);
    expect((await dailyRecordsByIds(t.db, [paper.id])).get(paper.id)?.authorParticipating).toBe(false);
    expect((await item(paper.id)).isAuthorParticipating).toBe(false);
  });

  it("leaves a member's listing whole when the member claimed the paper after the merge read the row", async () => {
    const paper = buildPaper();
    await addPapers(t.db, [paper]);
    const member = await buildUser(t, { username: 'ada' });
    // The import merged against "not listed yet"; the member's claim commits before the import writes.
    const imported = mergeDaily(undefined, { ...paper, daily: { day: '2026-08-20', submittedAt: '2026-08-20T00:00:00.000Z', submitter: rich(paper.id).submitter } })!;
    expect(await claimDailyEntry(t.db, { paperId: paper.id, day: DAY, submittedAt: `${DAY}T10:00:00.000Z`, userId: member.id, username: 'ada' }, 3)).toBe(true);
    expect(await upsertDailyEntry(t.db, imported, 1)).toBe(false);
    expect((await dailyRecordsByIds(t.db, [paper.id])).get(paper.id)).toMatchObject({ day: DAY, submittedBy: member.id, submitterName: 'ada', submitter: null });
    expect((await item(paper.id)).submittedBy).toMatchObject({ name: 'ada' });
  });
});
