// What accounts cost per request and per log-in, with wrk -t2 -c32 against one server:
//   session_day_page_rps: /papers/date/2025-08-05 with a session cookie (session lookup + vote state,
//     never cached), baseline the same page anonymous (served from the page cache);
//   bearer_whoami_rps: /api/whoami-v2 with an API token (token lookup), baseline /healthz;
//   password_verify_ms: one scrypt verification as log-in does it (in this process), baseline one SHA-256 token hash.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, secretHash, verifyPassword } from '../src/domain/accounts.ts';
import { benchEnv, DATA, report, requireWrk, startBenchServer, wrk } from './_support.ts';

requireWrk();
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const { env, dir, database, cli } = benchEnv('accounts');

/** A wrk script that sends one header with every request. */
function headerScript(name: string, value: string): string {
  const file = join(dir.path, `${name}.lua`);
  writeFileSync(file, `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}\n`);
  return file;
}

cli(['import', join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json')]);
cli(['user', 'add', 'bench', '--email', 'bench@example.org'], 'bench password\n');
const token = cli(['token', 'add', 'bench']).trim().split(' ').pop()!;

const server = await startBenchServer(env);
try {
  const base = server.base;
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
  await server.stop();
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
