// paper_page_thread_rps: a paper page with a 200-comment thread (Markdown and math rendered on every
// request), wrk -t2 -c32, against the same server's page of a paper without comments as baseline.
import { join } from 'node:path';
import { benchEnv, DATA, report, requireWrk, startBenchServer, wrk } from './_support.ts';

requireWrk();
const SECONDS = Number(process.env.PAPERBOY_BENCH_SECONDS ?? 10);
const COMMENTS = 200;
const bench = benchEnv('thread');
const cli = (args: string[], input = '') => bench.cli(args, input).trim();
const { env, dir } = bench;

cli(['import', join(DATA, 'hf-api-samples/daily_papers-2025-08-05.json')]);
// Comments are rate-limited per member, so the thread is written by several.
const tokens = Array.from({ length: 10 }, (_, i) => {
  cli(['user', 'add', `bench${i}`, '--email', `bench${i}@example.org`], 'a long password\n');
  return cli(['token', 'add', `bench${i}`]).split(/\s+/).at(-1)!;
});
const server = await startBenchServer(env);
try {
  const base = server.base;
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
  await server.stop();
  dir.remove();
}
