// What a digest holds, decided from fixed inputs: the owed days, the window, what was sent, the
// query's matches, the size cap and the digest key.
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../db/subscriptions.ts';
import type { ListedPaper } from '../domain/paper.ts';
import { firstOwedDay, MAX_PAPERS, planDigest } from './compose.ts';

function sub(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 7, email: 'a@example.org', cadence: 'daily', query: null, personal: false, userId: null, sinceDay: '2025-08-05',
    confirmedAt: '2025-08-05T12:00:00Z', unsubscribedAt: null, requestedAt: '2025-08-05T11:00:00Z', createdAt: '2025-08-05T11:00:00Z',
    ...overrides,
  };
}

function paper(id: string, day: string, upvotes: number, title = `Paper ${id}`, abstract = 'About things.'): ListedPaper {
  return {
    id, title, abstract, authors: [], categories: [], primaryCategory: null, publishedAt: null, updatedAt: null, latestVersion: 1,
    comment: null, githubUrl: null, projectPage: null, thumbnail: null, aiSummary: null, aiKeywords: null, discussionId: null,
    upvotes, numComments: 0, hidden: false, daily: { day, submittedAt: `${day}T09:00:00Z`, submitterUsername: null, importedSubmitter: null, hot: 0 },
  };
}

const NOW = new Date('2025-08-07T07:00:00Z');
const candidates = [paper('a', '2025-08-06', 30), paper('b', '2025-08-05', 20), paper('c', '2025-08-04', 10), paper('d', '2025-08-06', 5)];

describe('planDigest', () => {
  it('owes a daily subscriber the lists since it subscribed, best first, minus what it has', () => {
    const plan = planDigest(sub(), candidates, new Set(['b']), null, '2025-08-06', NOW)!;
    expect(plan.papers.map((p) => p.id)).toEqual(['a', 'd']);
    expect(plan).toMatchObject({ kind: 'digest', digestKey: 'daily:2025-08-06' });
  });

  it('names a daily digest after the newest list it carries', () => {
    expect(planDigest(sub(), candidates, new Set(['a', 'd']), null, '2025-08-06', NOW)!.digestKey).toBe('daily:2025-08-05');
  });

  it('sends nothing when nothing is new', () => {
    expect(planDigest(sub(), candidates, new Set(['a', 'b', 'd']), null, '2025-08-06', NOW)).toBeNull();
  });

  it('gives a weekly subscriber the last seven days, keyed by the ISO week it is sent in', () => {
    const plan = planDigest(sub({ cadence: 'weekly', sinceDay: null }), candidates, new Set(), null, '2025-08-06', NOW)!;
    expect(plan.papers.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.digestKey).toBe('weekly:2025-W32');
  });

  it('keeps only a saved search’s matches and calls it an alert', () => {
    const plan = planDigest(sub({ query: 'x' }), candidates, new Set(), new Set(['b', 'c']), '2025-08-06', NOW)!;
    expect(plan.papers.map((p) => p.id)).toEqual(['b']); // c is before the subscription
    expect(plan.kind).toBe('alert');
  });

  it('caps a message at the cadence’s size', () => {
    const many = Array.from({ length: 80 }, (_, i) => paper(`p${i}`, '2025-08-06', 100 - i));
    expect(planDigest(sub(), many, new Set(), null, '2025-08-06', NOW)!.papers).toHaveLength(MAX_PAPERS.daily);
    expect(planDigest(sub({ cadence: 'weekly' }), many, new Set(), null, '2025-08-06', NOW)!.papers).toHaveLength(MAX_PAPERS.weekly);
  });
});

describe('firstOwedDay', () => {
  it('starts a new daily subscriber at the newest list and never reaches back more than a week', () => {
    expect(firstOwedDay(sub({ sinceDay: null }), '2025-08-06')).toBe('2025-08-06');
    expect(firstOwedDay(sub({ sinceDay: '2025-07-01' }), '2025-08-06')).toBe('2025-07-31');
    expect(firstOwedDay(sub({ cadence: 'weekly', sinceDay: null }), '2025-08-06')).toBe('2025-07-31');
  });
});
