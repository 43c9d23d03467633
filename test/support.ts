// Shared test helpers: a fresh, migrated database per test file (SQLite every time; PostgreSQL
// when PAPERBOY_TEST_DATABASE_URL is set), the app built on it, and factories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { createLogger } from '../src/log.ts';
import type { PaperInput } from '../src/domain/paper.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { DATA } from './shared-data.ts';

export { DATA };
export const HF_SAMPLE = join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json');

/**
 * Which databases the suites run against: SQLite always, PostgreSQL when configured. With
 * PAPERBOY_REQUIRE_SUITES=1 (CI) the PostgreSQL suites are listed even when it is not configured,
 * so they fail instead of being skipped.
 */
export const DATABASES: { name: 'sqlite' | 'postgres'; url: string | null }[] = [
  { name: 'sqlite', url: null },
  ...(process.env.PAPERBOY_TEST_DATABASE_URL || process.env.PAPERBOY_REQUIRE_SUITES === '1'
    ? [{ name: 'postgres' as const, url: process.env.PAPERBOY_TEST_DATABASE_URL ?? null }]
    : []),
];

export function tempDir(prefix = 'paperboy-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestEnv {
  db: Db;
  config: Config;
  dir: string;
  /** The database location, for starting the CLI or a server on the same data. */
  location: string;
  close(): Promise<void>;
}

/** A new empty database of the given kind, migrated, with a config pointing at it. */
export async function testEnv(kind: 'sqlite' | 'postgres' = 'sqlite', env: Record<string, string> = {}): Promise<TestEnv> {
  const dir = tempDir();
  let location = join(dir.path, 'paperboy.db');
  let dropSchema: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const { freshPostgresSchema } = await import('./postgres.ts');
    const fresh = await freshPostgresSchema();
    location = fresh.url;
    dropSchema = fresh.drop;
  }
  const db = await openDatabase(location);
  await migrate(db);
  const config = loadConfig({
    PAPERBOY_DATABASE: location,
    PAPERBOY_DATA_DIR: dir.path,
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    PAPERBOY_DEMO: 'false',
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
    PAPERBOY_OAI_URL: 'http://127.0.0.1:9/oai',
    ...env,
  });
  return {
    db,
    config,
    dir: dir.path,
    location,
    async close() {
      await db.close();
      await dropSchema?.();
      dir.remove();
    },
  };
}

export function testApp(t: TestEnv): App {
  return createApp({ db: t.db, config: t.config, log: createLogger('silent') });
}

let serial = 0;
/** A paper with sensible defaults; override what the test is about. */
export function buildPaper(overrides: Partial<PaperInput> = {}): PaperInput {
  serial++;
  const id = overrides.id ?? `2501.${String(10000 + serial).padStart(5, '0')}`;
  return {
    id,
    title: `A study of things number ${serial}`,
    abstract: `We study things. This is abstract number ${serial}.`,
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }],
    categories: ['cs.LG'],
    publishedAt: '2025-01-01T00:00:00.000Z',
    upvotes: 0,
    ...overrides,
  };
}

export async function addPapers(db: Db, papers: PaperInput[]): Promise<void> {
  await upsertPapers(db, papers);
}
