// Trending: a paper's votes lose half their weight every HALF_LIFE_HOURS after it was listed.
//   score = (upvotes + 1) × ½^(age_hours / HALF_LIFE_HOURS)
// The stored, indexed `hot` value is log2 of that score shifted by a constant, which orders papers
// identically at any moment, so it never needs recomputing as time passes (only when votes change).

export const HALF_LIFE_HOURS = 48;
const MS_PER_HOUR = 3_600_000;

/** Time-independent rank key: log2(upvotes + 1) + listedAt / half-life. */
export function hotness(upvotes: number, listedAt: string): number {
  return Math.log2(Math.max(0, upvotes) + 1) + Date.parse(listedAt) / MS_PER_HOUR / HALF_LIFE_HOURS;
}

export interface TrendingScore {
  upvotes: number;
  ageHours: number;
  decay: number;
  score: number;
}

/** The score shown to people, at a reference time (the newest listing on the site). */
export function trendingScore(upvotes: number, listedAt: string, now: string): TrendingScore {
  const ageHours = Math.max(0, (Date.parse(now) - Date.parse(listedAt)) / MS_PER_HOUR);
  const decay = Math.pow(0.5, ageHours / HALF_LIFE_HOURS);
  return { upvotes, ageHours, decay, score: (upvotes + 1) * decay };
}

export const TRENDING_FORMULA = `score = (upvotes + 1) × ½^(age in hours ÷ ${HALF_LIFE_HOURS})`;
