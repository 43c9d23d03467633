// `paperboy serve` on a port someone else holds: one line, a non-zero exit at once, and nothing
// started meanwhile (no job runner scheduling digests, no search work queued, no keyword index).
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCounts } from '../src/db/jobs.ts';
import { BIN, runCli } from './cli.ts';
import { DATABASES, HF_SAMPLE, testEnv, type TestEnv } from './support.ts';

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
});
