// What accounts cost per request and per log-in, with wrk -t2 -c32 against one server:
//   session_day_page_rps: /papers/date/2025-08-05 with a session cookie (session lookup + vote state,
//     never cached), baseline the same page anonymous (served from the page cache);
//   bearer_whoami_rps: /api/whoami-v2 with an API token (token lookup), baseline /healthz;
//   password_verify_ms: one scrypt verification as log-in does it (in this process), baseline one SHA-256 token hash.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, secretHash, verifyPassword } from '../src/domain/accounts.ts';
import { DATA, report, requireWrk, scratchDir, wrk } from './_support.ts';

requireWrk();
const BIN = join(import.meta.dirname, '../bin/paperboy.js');
const PORT = 3900 + Math.floor(Math.random() * 90);
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const dir = scratchDir();
const env = { ...process.env, PAPERBOY_DATABASE: process.env.PAPERBOY_BENCH_DATABASE ?? join(dir.path, 'accounts.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };
const database = env.PAPERBOY_DATABASE.startsWith('postgres') ? 'postgres' : 'sqlite';

function cli(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** A wrk script that sends one header with every request. */
function headerScript(name: string, value: string): string {
  const file = join(dir.path, `${name}.lua`);
  writeFileSync(file, `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}\n`);
  return file;
}

cli(['import', join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json')]);
cli(['user', 'add', 'bench', '--email', 'bench@example.org'], 'bench password\n');
const token = cli(['token', 'add', 'bench']).trim().split(' ').pop()!;

const server = spawn(process.execPath, [BIN, 'serve', '--port', String(PORT)], { env, stdio: 'inherit' });
try {
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Log in through the form once to get a real session cookie.
  const form = await fetch(`${base}/login`);
  const anon = form.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const login = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: anon, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username: 'bench', password: 'bench password' }),
  });
  const session = login.headers.getSetCookie().find((c) => c.startsWith('pb_session='))!.split(';')[0]!;

  const day = `${base}/papers/date/2025-08-05`;
  wrk(day, { seconds: 2 }); // warm up
  const withSession = wrk(day, { seconds: SECONDS, script: headerScript('Cookie', session) });
  const anonymous = wrk(day, { seconds: SECONDS });
  report({ name: 'session_day_page_rps', value: Math.round(withSession.requestsPerSecond), unit: 'requests/s', p99_ms: withSession.p99Ms, errors: withSession.errors + withSession.non2xx, database, connections: 32, baseline: { name: 'anonymous_day_page_rps', value: Math.round(anonymous.requestsPerSecond) } });

  const bearer = wrk(`${base}/api/whoami-v2`, { seconds: SECONDS, script: headerScript('Authorization', `Bearer ${token}`) });
  const health = wrk(`${base}/healthz`, { seconds: SECONDS });
  report({ name: 'bearer_whoami_rps', value: Math.round(bearer.requestsPerSecond), unit: 'requests/s', p99_ms: bearer.p99Ms, errors: bearer.errors + bearer.non2xx, database, connections: 32, baseline: { name: 'healthz_rps', value: Math.round(health.requestsPerSecond) } });
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  dir.remove();
}

const stored = await hashPassword('bench password');
const ROUNDS = 20;
let started = performance.now();
for (let i = 0; i < ROUNDS; i++) await verifyPassword('bench password', stored);
const verifyMs = (performance.now() - started) / ROUNDS;
started = performance.now();
for (let i = 0; i < 10_000; i++) secretHash(`pb_${i}`);
const tokenMs = (performance.now() - started) / 10_000;
report({ name: 'password_verify_ms', value: Math.round(verifyMs * 10) / 10, unit: 'ms', baseline: { name: 'token_hash_ms', value: Math.round(tokenMs * 1000) / 1000 } });
