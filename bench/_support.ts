// Shared by the benchmarks: figures as JSON lines, wrk runs, a server on a fresh database.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeTcpPort } from '../test/ports.ts';

export { DATA } from '../test/shared-data.ts';

/** Prints one figure; `baseline` is the same kind of figure measured in the same run for comparison. */
export function report(figure: Record<string, unknown> & { name: string; value: number; unit: string }): void {
  process.stdout.write(JSON.stringify(figure) + '\n');
}

export function scratchDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error) {
    process.stderr.write('wrk is not installed (apt-get install -y wrk)\n');
    process.exit(3);
  }
}

export interface WrkResult {
  requestsPerSecond: number;
  /** Requests answered in the run. */
  requests: number;
  p99Ms: number | null;
  /** Socket errors: failed connects, reads and writes, and requests past the timeout. */
  errors: number;
  non2xx: number;
}

export interface WrkOptions {
  threads?: number;
  connections?: number;
  seconds?: number;
  /** A Lua script, e.g. one whose `request` hook picks the path. */
  script?: string;
  /** Seconds before an unanswered request counts as an error (wrk's own default is 2). */
  timeout?: number;
}

function wrkArgs(url: string, { threads = 2, connections = 32, seconds = 10, script, timeout }: WrkOptions): string[] {
  return [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', ...(timeout ? ['--timeout', `${timeout}s`] : []), ...(script ? ['-s', script] : []), url];
}

function parseWrk(out: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in /.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const toMs = (v: string, u: string) => Number(v) * (u === 'us' ? 0.001 : u === 's' ? 1000 : 1);
  return {
    requestsPerSecond: rps,
    requests,
    p99Ms: p99 ? toMs(p99[1]!, p99[2]!) : null,
    errors: errors ? errors.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
    non2xx,
  };
}

export function wrk(url: string, options: WrkOptions = {}): WrkResult {
  return parseWrk(execFileSync('wrk', wrkArgs(url, options), { encoding: 'utf8' }));
}

/** wrk without blocking this process, to load several servers at once. */
export async function wrkAsync(url: string, options: WrkOptions = {}): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)('wrk', wrkArgs(url, options), { encoding: 'utf8' });
  return parseWrk(stdout);
}

export const BIN = join(import.meta.dirname, '../bin/paperboy.js');

export interface BenchEnv {
  env: NodeJS.ProcessEnv;
  dir: { path: string; remove: () => void };
  database: 'sqlite' | 'postgres';
  /** Runs a paperboy command on the bench database; its stdout, or an error with its stderr. */
  cli(args: string[], input?: string): string;
}

/** A scratch data dir and database: `database` if given, else PAPERBOY_BENCH_DATABASE (e.g. postgres://…), else SQLite. */
export function benchEnv(name: string, { database }: { database?: string } = {}): BenchEnv {
  const dir = scratchDir();
  const env = { ...process.env, PAPERBOY_DATABASE: database ?? process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, `${name}.db`), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };
  return {
    env,
    dir,
    database: env.PAPERBOY_DATABASE.startsWith('postgres') ? 'postgres' : 'sqlite',
    cli(args, input) {
      const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', input });
      if (r.status !== 0) throw new Error(`paperboy ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    },
  };
}

/**
 * Starts `paperboy serve` on a free port and waits until it answers. Its log lines go to stderr,
 * so stdout carries only the figures.
 */
export async function startBenchServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freeTcpPort();
  const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env, stdio: ['ignore', 2, 'inherit'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`paperboy serve exited (${server.exitCode ?? server.signalCode})`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('paperboy serve did not answer within a minute');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
