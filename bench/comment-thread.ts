// paper_page_thread_rps: a paper page with a 200-comment thread (Markdown and math rendered on every
// request), wrk -t2 -c32, against the same server's page of a paper without comments as baseline.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DATA, report, requireWrk, scratchDir, wrk } from './_support.ts';

requireWrk();
const BIN = join(import.meta.dirname, '../bin/paperboy.js');
const PORT = 3900 + Math.floor(Math.random() * 90);
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const COMMENTS = 200;
const dir = scratchDir();
const env = { ...process.env, PAPERBOY_DATABASE: join(dir.path, 'thread.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'warn' };
const cli = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};

cli(['import', join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json')]);
// Comments are rate-limited per member, so the thread is written by several.
const tokens = Array.from({ length: 10 }, (_, i) => {
  cli(['user', 'add', `bench${i}`, '--email', `bench${i}@example.org`], 'a long password\n');
  return cli(['token', 'add', `bench${i}`]).split(/\s+/).at(-1)!;
});
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
  const [busy, quiet] = ['2508.02324', '2508.02276'];
  const ids: number[] = [];
  for (let i = 0; i < COMMENTS; i++) {
    const parent = i % 3 === 0 || !ids.length ? null : ids[Math.floor(ids.length * 0.7)]!;
    const body = `Comment ${i}: the **loss** falls as $L(N) \\propto N^{-0.07}$; see [the code](https://github.com/example/repo) and \`train.py\`.\n\n- point one\n- point two`;
    const res = await fetch(`${base}/api/papers/${busy}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
      body: JSON.stringify({ body, parent_id: parent }),
    });
    if (res.status !== 201) throw new Error(`comment ${i}: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: number }).id);
  }
  wrk(`${base}/papers/${busy}`, { seconds: 2 }); // warm up
  const thread = wrk(`${base}/papers/${busy}`, { seconds: SECONDS });
  const plain = wrk(`${base}/papers/${quiet}`, { seconds: SECONDS });
  report({
    name: 'paper_page_thread_rps', value: Math.round(thread.requestsPerSecond), unit: 'requests/s', comments: COMMENTS, p99_ms: thread.p99Ms,
    errors: thread.errors + thread.non2xx, connections: 32,
    baseline: { name: 'paper_page_no_comments_rps', value: Math.round(plain.requestsPerSecond), p99_ms: plain.p99Ms },
  });
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  dir.remove();
}
