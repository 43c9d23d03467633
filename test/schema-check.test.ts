// `paperboy serve` refuses a database whose schema is behind or ahead of the code, on both
// databases, through the real command; `paperboy migrate` then brings it up to date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/driver.ts';
import { latestVersion, migrate } from '../src/db/schema.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { runCli, startServer } from './cli.ts';
import { freeTcpPort } from './ports.ts';
import { emptyDatabase } from './postgres.ts';
import { DATABASES, tempDir } from './support.ts';

const previous = migrations.at(-1)!;

describe.each(DATABASES)('schema check on $name', ({ name }) => {
  let location: string;
  let db: Db;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = tempDir();
    const empty = await emptyDatabase(name, dir.path);
    const drop = empty.drop;
    location = empty.location;
    db = await openDatabase(location);
    // A database as an older paperboy left it: every migration but the newest.
    await migrate(db, previous.version - 1);
    env = { PAPERBOY_DATABASE: location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };
    cleanup = async () => {
      await db.close();
      await drop();
      dir.remove();
    };
  });
  afterAll(() => cleanup?.());

  it('refuses to serve a stale schema and names the missing migration', async () => {
    const port = await freeTcpPort();
    const r = await runCli(['serve', '--port', String(port)], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `paperboy: the database schema is behind this paperboy: migration ${previous.version} (${previous.name}) not applied; run \`paperboy migrate\` first`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const stillThere = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    expect(stillThere).toBeNull();
  });

  it('serves once `paperboy migrate` has brought the schema up to date', async () => {
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(`applied migration ${previous.version};`);
    expect(migrated.stdout).toContain(`is at version ${latestVersion}`);
    const server = await startServer(env, await freeTcpPort());
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses a database that missed a migration in the middle, not only the newest', async () => {
    const middle = migrations[1]!;
    const row = await db.get<{ applied_at: string }>('select applied_at from schema_migrations where version = ?', [middle.version]);
    await db.run('delete from schema_migrations where version = ?', [middle.version]);
    const r = await runCli(['serve', '--port', String(await freeTcpPort())], env);
    await db.run('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)', [middle.version, middle.name, row!.applied_at]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`migration ${middle.version} (${middle.name}) not applied`);
  });

  it('refuses a schema migrated by a newer paperboy', async () => {
    const newer = latestVersion + 1;
    await db.run('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)', [newer, 'from_the_future', '2030-01-01T00:00:00.000Z']);
    const r = await runCli(['serve', '--port', String(await freeTcpPort())], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`paperboy: the database schema has migration ${newer}, newer than this paperboy (${latestVersion}): upgrade paperboy`);
    await db.run('delete from schema_migrations where version = ?', [newer]);
  });
});
