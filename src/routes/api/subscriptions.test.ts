// POST /api/subscriptions answers a bad field with one message that names it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';

describe.each(DATABASES)('POST /api/subscriptions messages on $name', ({ name }) => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv(name);
  });
  afterAll(async () => t.close());

  const subscribe = async (body: unknown) => {
    const res = await testApp(t).request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    return ((await res.json()) as { message: string }).message;
  };

  it('says what is wrong with each field without repeating its name', async () => {
    expect(await subscribe({ email: 'a@example.org', cadence: 'hourly' })).toBe('cadence must be "daily" or "weekly"');
    expect(await subscribe({ email: 'a@example.org', cadence: 'daily', query: 'x'.repeat(251) })).toBe('query must be at most 250 characters');
    expect(await subscribe({ cadence: 'daily' })).toBe('email is required');
    expect(await subscribe({ email: 'not an address', cadence: 'daily' })).toBe('"not an address" is not an e-mail address');
  });
});
