// mergeDaily is the only place a listing's fields are decided (the database writes its result as
// given): each field's rule, for a source that says more, less, or something else than the stored one.
import { describe, expect, it } from 'vitest';
import type { DailyRecord } from '../db/daily.ts';
import type { DailyInput } from './paper.ts';
import { mergeDaily } from './papers.ts';

const ID = '2608.14022';
const KOUSHI = { _id: '65df4f5af3efe60b06ea1409', user: 'KouShi2', fullname: 'Kou Shi' };

const stored: DailyRecord = {
  paperId: ID,
  day: '2026-08-21',
  submittedAt: '2026-08-21T04:39:37.929Z',
  submittedBy: null,
  submitterName: 'KouShi2',
  submitter: KOUSHI,
  itemPublishedAt: '2026-08-18T20:00:00.000Z',
  authorParticipating: true,
};

const merge = (old: DailyRecord | undefined, daily: DailyInput | null | undefined) => mergeDaily(old, { id: ID, title: 'ForgeWM', daily });

describe('mergeDaily', () => {
  it('takes a first listing as the source gives it', () => {
    expect(merge(undefined, { day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z' })).toEqual({
      paperId: ID, day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z', submittedBy: null,
      submitterName: null, submitter: null, itemPublishedAt: null, authorParticipating: null,
    });
  });

  it('keeps every stored field a date-only source of the same day leaves out', () => {
    expect(merge(stored, { day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z' })).toEqual(stored);
    expect(merge(stored, { day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z', submitter: null, itemPublishedAt: null, authorParticipating: null })).toEqual(stored);
  });

  it('leaves the listing alone when the source says nothing of it', () => {
    expect(merge(stored, undefined)).toBe(stored);
    expect(merge(undefined, null)).toBeUndefined();
  });

  it('takes every field the source carries', () => {
    const other = { _id: '6039478ab3ecf716b1a5fd4d', user: 'taesiri', fullname: 'Taesiri' };
    expect(
      merge(stored, {
        day: '2026-08-21', submittedAt: '2026-08-21T09:15:00.000Z', submitter: other,
        itemPublishedAt: '2026-08-19T06:00:00.000Z', authorParticipating: false,
      }),
    ).toEqual({
      ...stored, submittedAt: '2026-08-21T09:15:00.000Z', submitterName: 'taesiri', submitter: other,
      itemPublishedAt: '2026-08-19T06:00:00.000Z', authorParticipating: false,
    });
  });

  it('moves the listing to an earlier day and keeps what that source leaves out', () => {
    expect(merge(stored, { day: '2026-08-20', submittedAt: '2026-08-20T00:00:00.000Z' })).toEqual({
      ...stored, day: '2026-08-20', submittedAt: '2026-08-20T00:00:00.000Z',
    });
  });

  it('keeps the first day and its time against a later one', () => {
    expect(merge(stored, { day: '2026-08-22', submittedAt: '2026-08-22T10:00:00.000Z', authorParticipating: false })).toEqual({
      ...stored, authorParticipating: false,
    });
  });

  it('names the submitter by user, else name, and keeps the stored name when the new profile has neither', () => {
    expect(merge(undefined, { day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z', submitter: { name: 'Kou' } })?.submitterName).toBe('Kou');
    const nameless = { _id: 'abc', fullname: 'No Handle' };
    expect(merge(stored, { day: '2026-08-21', submittedAt: '2026-08-21T00:00:00.000Z', submitter: nameless })).toMatchObject({
      submitter: nameless, submitterName: 'KouShi2',
    });
  });

  it("never touches a member's own listing", () => {
    const member: DailyRecord = { ...stored, submittedBy: 7, submitterName: 'ada', submitter: null, itemPublishedAt: null, authorParticipating: null };
    expect(merge(member, { day: '2026-08-20', submittedAt: '2026-08-20T01:00:00.000Z', submitter: KOUSHI, authorParticipating: true })).toBe(member);
  });
});
