// Sliding-window limits at fixed times: exact verdicts and waits, roll-over between windows, and
// counters shared by two connections (two web processes) on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { openDatabase, type Db } from '../db/driver.ts';
import { check, hit, judge } from './rate-limits.ts';

describe('judge', () => {
  it('allows while the weighted count stays within the limit', () => {
    expect(judge(4, 0, 5, 60, { elapsed: 0.5 })).toEqual({ allowed: true, retryAfter: 0 });
    // 6 in the previous window weighted by the half still overlapping = 3, plus 1 now, plus this one = 5.
    expect(judge(1, 6, 5, 60, { elapsed: 0.5 })).toEqual({ allowed: true, retryAfter: 0 });
  });

  it('waits for the previous window to fade when this window alone has room', () => {
    // 10 before, 0 now, at 20% in: 10 × 0.8 + 1 = 9 > 5. Allowed once 10 × (1 − f) + 1 ≤ 5, at f = 0.6: 24 s later.
    expect(judge(0, 10, 5, 60, { elapsed: 0.2 })).toEqual({ allowed: false, retryAfter: 24 });
  });

  it('waits into the next window when this window is full', () => {
    // 5 hits now, limit 5, at 75% in: 15 s to the end, then 5 × (1 − g) + 1 ≤ 5 at g = 0.2: 12 s more.
    expect(judge(5, 0, 5, 60, { elapsed: 0.75 })).toEqual({ allowed: false, retryAfter: 27 });
    // With a limit of 1 the estimate only drops to 0 when the full hit has faded: two windows at most.
    expect(judge(1, 0, 1, 3600, { elapsed: 0 })).toEqual({ allowed: false, retryAfter: 7200 });
  });
});

describe.each(DATABASES)('hit and check on $name', ({ name }) => {
  let t: TestEnv;
  let second: Db;
  beforeAll(async () => {
    t = await testEnv(name);
    second = await openDatabase(t.location);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const at = (iso: string) => Date.parse(iso);

  it('counts hits from two connections against one limit', async () => {
    const now = at('2025-08-05T10:00:10Z');
    expect((await hit(t.db, 'k1', 3, 60, now)).allowed).toBe(true);
    expect((await hit(second, 'k1', 3, 60, now)).allowed).toBe(true);
    expect((await hit(t.db, 'k1', 3, 60, now)).allowed).toBe(true);
    const fourth = await hit(second, 'k1', 3, 60, now);
    expect(fourth.allowed).toBe(false);
    expect(fourth.retryAfter).toBeGreaterThan(0);
    expect((await check(t.db, 'k1', 3, 60, now)).allowed).toBe(false);
    expect((await check(t.db, 'other-key', 3, 60, now)).allowed).toBe(true);
  });

  it('rolls over: the last window counts by its overlap, and an old one not at all', async () => {
    for (let i = 0; i < 4; i++) await hit(t.db, 'k2', 4, 60, at('2025-08-05T10:00:30Z'));
    // 15 s into the next window, 4 × 0.75 = 3 still count: one more is allowed, a second is not.
    expect((await hit(t.db, 'k2', 4, 60, at('2025-08-05T10:01:15Z'))).allowed).toBe(true);
    expect((await hit(t.db, 'k2', 4, 60, at('2025-08-05T10:01:15Z'))).allowed).toBe(false);
    // Two windows later nothing is left.
    expect((await check(t.db, 'k2', 4, 60, at('2025-08-05T10:03:00Z'))).allowed).toBe(true);
    expect((await hit(t.db, 'k2', 1, 60, at('2025-08-05T10:03:00Z'))).allowed).toBe(true);
  });

  it('check does not count', async () => {
    const now = at('2025-08-05T11:00:00Z');
    for (let i = 0; i < 10; i++) expect((await check(t.db, 'k3', 1, 60, now)).allowed).toBe(true);
    expect((await hit(t.db, 'k3', 1, 60, now)).allowed).toBe(true);
    expect((await check(t.db, 'k3', 1, 60, now)).allowed).toBe(false);
  });
});
