// Shared by the benchmarks: figures as JSON lines, wrk runs, a server on a fresh database.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  p99Ms: number | null;
  errors: number;
  non2xx: number;
}

export function wrk(url: string, { threads = 2, connections = 32, seconds = 10, script }: { threads?: number; connections?: number; seconds?: number; script?: string } = {}): WrkResult {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const toMs = (v: string, u: string) => Number(v) * (u === 'us' ? 0.001 : u === 's' ? 1000 : 1);
  return {
    requestsPerSecond: rps,
    p99Ms: p99 ? toMs(p99[1]!, p99[2]!) : null,
    errors: errors ? errors.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
    non2xx,
  };
}

export const BIN = join(import.meta.dirname, '../bin/paperboy.js');

export interface BenchEnv {
  env: NodeJS.ProcessEnv;
  dir: { path: string; remove: () => void };
  database: 'sqlite' | 'postgres';
  /** Runs a paperboy command on the bench database; its stdout, or an error with its stderr. */
  cli(args: string[], input?: string): string;
}

/** A scratch data dir and database (PAPERBOY_BENCH_DATABASE picks another, e.g. postgres://…). */
export function benchEnv(name: string): BenchEnv {
  const dir = scratchDir();
  const env = { ...process.env, PAPERBOY_DATABASE: process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, `${name}.db`), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };
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

/** Starts `paperboy serve` on a random port and waits until it answers. */
export async function startBenchServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env, stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 300 || server.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  };
}
