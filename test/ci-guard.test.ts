// In CI (PAPERBOY_REQUIRE_SUITES=1) a suite that would skip itself for want of PostgreSQL or Chromium
// must fail the run instead: this file checks that both are really there.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DATABASES } from './support.ts';

const required = process.env.PAPERBOY_REQUIRE_SUITES === '1';
const CHROMIUM = '/usr/bin/chromium';

describe.runIf(required)('CI runs every suite (PAPERBOY_REQUIRE_SUITES=1)', () => {
  it('has PostgreSQL 15 or newer configured and reachable', async () => {
    const url = process.env.PAPERBOY_TEST_DATABASE_URL;
    expect(url, 'PAPERBOY_TEST_DATABASE_URL must be set').toBeTruthy();
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });

  it('runs the database suites on PostgreSQL as well as SQLite', () => {
    expect(DATABASES.map((d) => d.name)).toEqual(['sqlite', 'postgres']);
  });

  it('has headless Chromium at /usr/bin/chromium for the browser test', () => {
    accessSync(CHROMIUM, constants.X_OK);
    expect(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' })).toMatch(/Chromium \d+/);
  });
});
