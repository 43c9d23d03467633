import { describe, expect, it } from 'vitest';
import { HALF_LIFE_HOURS, hotness, trendingScore } from './trending.ts';

describe('trending', () => {
  it('halves a paper\'s weight every half-life', () => {
    const s = trendingScore(15, '2025-08-05T00:00:00.000Z', '2025-08-07T00:00:00.000Z');
    expect(s.ageHours).toBe(48);
    expect(s.decay).toBe(0.5);
    expect(s.score).toBe(8); // (15 + 1) × ½
  });

  it('does not reward papers listed after the reference time', () => {
    expect(trendingScore(3, '2025-08-06T00:00:00Z', '2025-08-05T00:00:00Z').score).toBe(4);
  });

  it('stores a key that orders papers exactly as the shown score does', () => {
    const now = '2025-08-10T12:00:00.000Z';
    const papers = [
      { upvotes: 100, at: '2025-08-05T00:00:00.000Z' },
      { upvotes: 10, at: '2025-08-10T00:00:00.000Z' },
      { upvotes: 30, at: '2025-08-08T00:00:00.000Z' },
      { upvotes: 0, at: '2025-08-10T06:00:00.000Z' },
    ];
    const byScore = [...papers].sort((a, b) => trendingScore(b.upvotes, b.at, now).score - trendingScore(a.upvotes, a.at, now).score);
    const byHot = [...papers].sort((a, b) => hotness(b.upvotes, b.at) - hotness(a.upvotes, a.at));
    expect(byHot).toEqual(byScore);
    // 31 votes two days older ties with 15 votes… +1 each: log2(32) - 1 = log2(16)
    expect(hotness(31, '2025-08-01T00:00:00Z') + 0).toBeCloseTo(hotness(15, '2025-08-01T00:00:00Z') + 1, 10);
    expect(hotness(15, `2025-08-0${1 + HALF_LIFE_HOURS / 24}T00:00:00Z`)).toBeCloseTo(hotness(31, '2025-08-01T00:00:00Z'), 10);
  });
});
