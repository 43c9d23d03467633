// The hourly sweep removes expired sessions and finished rate-limit windows, and nothing live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../test/accounts.ts';
import { DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { countHit, readCount } from '../db/rate-limits.ts';
import { insertSession, sessionUser } from '../db/sessions.ts';
import { sweepExpired } from './account-sweep.ts';

describe.each(DATABASES)('sweepExpired on $name', ({ name }) => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv(name);
  });
  afterAll(() => t.close());

  it('deletes what has run out and keeps what is live', async () => {
    const user = await buildUser(t);
    const now = new Date('2025-08-05T12:00:00Z');
    await insertSession(t.db, 'old', user.id, '2025-07-01T00:00:00Z', '2025-07-31T00:00:00Z');
    await insertSession(t.db, 'live', user.id, '2025-08-05T11:00:00Z', '2025-09-04T11:00:00Z');
    await countHit(t.db, 'stale', '2025-08-05T11:00:00.000Z', '2025-08-05T10:59:00.000Z', '2025-08-05T11:02:00.000Z');
    await countHit(t.db, 'fresh', '2025-08-05T11:59:00.000Z', '2025-08-05T11:58:00.000Z', '2025-08-05T12:01:00.000Z');
    expect(await sweepExpired(t.db, now)).toEqual({ sessions: 1, limits: 1 });
    expect(await sessionUser(t.db, 'live', now.toISOString())).not.toBeNull();
    expect(await readCount(t.db, 'fresh')).not.toBeNull();
    expect(await readCount(t.db, 'stale')).toBeNull();
  });
});
