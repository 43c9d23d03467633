// `paperboy serve` on a port someone else holds: one line, a non-zero exit at once, and nothing
// started or written meanwhile (no job runner scheduling digests, no search work queued, no keyword
// index; on a first start, no database created and no demo corpus loaded).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import { jobCounts } from '../src/db/jobs.ts';
import { hasAnyPaper } from '../src/db/papers.ts';
import { schemaState } from '../src/db/schema.ts';
import { BIN, runCli, startServer } from './cli.ts';
import { freeTcpPort } from './ports.ts';
import { emptyDatabase } from './postgres.ts';
import { DATABASES, HF_SAMPLE, tempDir, testEnv, type TestEnv } from './support.ts';

describe.each(DATABASES)('serve on a port in use ($name)', ({ name }) => {
  let t: TestEnv;
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    t = await testEnv(name);
    holder = createServer();
    // Every interface, as serve listens: the kernel picks a port nobody else has.
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    port = (holder.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    await t.close();
  });

  it('says so in one line and exits at once, having started nothing', async () => {
    // Papers without a search model: a server that started its background work would queue a retrain.
    expect((await runCli(['import', HF_SAMPLE], { PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir })).code).toBe(0);
    const env = { ...process.env, PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false', PORT: String(port), PAPERBOY_LOG_LEVEL: 'info' };
    // Killed after 15 s if it is still running (the defect this guards against).
    const run = spawnSync(process.execPath, [BIN, 'serve'], { env, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`paperboy: port ${port} is in use; choose another with --port or PORT\n`);
    expect(run.stdout).not.toMatch(/job runner started|keyword index|serving on/);
    expect(await jobCounts(t.db)).toEqual([]);
  });

  it('on a first start, fails before creating the database or loading the demo; a start on a free port then loads it', async () => {
    const dir = tempDir();
    const { location, drop } = await emptyDatabase(name, dir.path);
    const env = { PAPERBOY_DATABASE: location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'true' };
    try {
      const run = await runCli(['serve', '--port', String(port)], env);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: `paperboy: port ${port} is in use; choose another with --port or PORT\n` });
      // Nothing written: no SQLite file, no tables in the PostgreSQL schema, so no papers.
      if (name === 'sqlite') expect(existsSync(location)).toBe(false);
      else {
        const db = await openDatabase(location);
        try {
          expect(await schemaState(db)).toBeNull();
        } finally {
          await db.close();
        }
      }
      // The real first start is still to come: on a free port the demo corpus is loaded and served.
      const server = await startServer(env, await freeTcpPort());
      try {
        expect(server.output()).toContain('loaded the demo corpus');
        const latest = (await (await fetch(`${server.url}/api/daily_papers?limit=100`)).json()) as unknown[];
        expect(latest.length).toBeGreaterThanOrEqual(10);
        expect(await (await fetch(`${server.url}/`)).text()).toContain('Friday, August 21, 2026');
      } finally {
        await server.stop();
      }
      const db = await openDatabase(location);
      try {
        expect(await hasAnyPaper(db)).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      await drop();
      dir.remove();
    }
  }, 60_000);
});

describe.each(DATABASES)('the demo corpus on a first start ($name)', ({ name }) => {
  it('appears whole or not at all, so a start stopped half-way leaves none of it for the next start to load', async () => {
    const dir = tempDir();
    const { location, drop } = await emptyDatabase(name, dir.path);
    const env = { PAPERBOY_DATABASE: location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'true' };
    const seen = new Set<number>();
    const watcher = await openDatabase(location);
    let watching = true;
    // Another reader's view while the server starts: the count of papers, as often as it can be read.
    const watch = (async () => {
      while (watching) {
        const row = await watcher.get<{ n: number }>('select cast(count(*) as integer) as n from papers').catch(() => null);
        if (row) seen.add(Number(row.n));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      const server = await startServer(env, await freeTcpPort());
      await server.stop();
      watching = false;
      await watch;
      expect(server.output()).toContain('loaded the demo corpus');
      expect([...seen].filter((n) => n !== 0 && n !== 2076)).toEqual([]);
    } finally {
      watching = false;
      await watch;
      await watcher.close();
      await drop();
      dir.remove();
    }
  }, 60_000);
});

describe('serve --port given something that is not a port', () => {
  it('refuses it before starting, where a blank or hex value was read as port 0 or 80', () => {
    const dir = tempDir();
    try {
      const env = { ...process.env, PAPERBOY_DATABASE: `${dir.path}/x.db`, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
      for (const value of [' ', '0x50', '1e3', '65536']) {
        // Killed after 15 s if it started a server after all.
        const run = spawnSync(process.execPath, [BIN, 'serve', '--port', value], { env, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
        expect(run.status, value).toBe(2);
        expect(run.stderr).toBe(`paperboy: --port must be a port number, 0–65535, not "${value}"\n`);
      }
      expect(existsSync(`${dir.path}/x.db`)).toBe(false);
    } finally {
      dir.remove();
    }
  }, 60_000);
});
