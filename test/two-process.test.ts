// Scale-out: two `paperboy serve` processes on one database (as behind a load balancer). What one
// process or the CLI writes, the other shows at once: imports, votes, comments, log-in sessions.
// On PostgreSQL this is the deployment for many readers; on SQLite two processes share the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from './cli.ts';
import { freeTcpPort } from './ports.ts';
import { emptyDatabase } from './postgres.ts';
import { DATABASES, HF_SAMPLE, tempDir } from './support.ts';

const DAY = '2025-08-05';
type Server = Awaited<ReturnType<typeof startServer>>;

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

async function upvotes(server: Server, id: string): Promise<number> {
  return (await getJson<{ upvotes: number }>(`${server.url}/api/papers/${id}`)).upvotes;
}

/** The upvote count the day page shows on a paper's card. */
async function countOnDayPage(server: Server, id: string): Promise<number> {
  const page = await (await fetch(`${server.url}/papers/date/${DAY}`)).text();
  const card = page.split('<li class="card">').find((c) => c.includes(`href="/papers/${id}"`));
  const count = card && /data-vote-count>([\d,]+)</.exec(card)?.[1];
  if (!count) throw new Error(`no card with a vote count for ${id} on the day page`);
  return Number(count.replace(/,/g, ''));
}

describe.each(DATABASES)('two serve processes on one $name database', ({ name }) => {
  let env: Record<string, string>;
  let a: Server;
  let b: Server;
  let token: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const { location, drop } = await emptyDatabase(name, dirA.path);
    // Separate data dirs, as on two machines; the secret is shared through the configuration.
    env = { PAPERBOY_DATABASE: location, PAPERBOY_DEMO: 'false', PAPERBOY_SECRET: 'two-processes-share-this-secret-0123456789', PAPERBOY_BASE_URL: 'http://paperboy.test' };
    // Both start on the empty database at once: one creates the schema, the other waits for it.
    [a, b] = await Promise.all([
      startServer({ ...env, PAPERBOY_DATA_DIR: dirA.path }, await freeTcpPort()),
      startServer({ ...env, PAPERBOY_DATA_DIR: dirB.path }, await freeTcpPort()),
    ]);
    env.PAPERBOY_DATA_DIR = dirA.path;
    cleanup = async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await drop();
      dirA.remove();
      dirB.remove();
    };
  }, 120_000);
  afterAll(() => cleanup?.());

  it('shows papers imported through the CLI on both, pages cached before the import included', async () => {
    const articles = async (s: Server) => (await (await fetch(`${s.url}/papers/date/${DAY}`)).text()).match(/<article/g)?.length ?? 0;
    for (const s of [a, b]) expect(await articles(s)).toBe(0);
    const imported = await runCli(['import', HF_SAMPLE], env);
    expect(imported.code).toBe(0);
    for (const s of [a, b]) {
      const items = await getJson<unknown[]>(`${s.url}/api/daily_papers?date=${DAY}`);
      expect(items).toHaveLength(13);
      expect(await articles(s)).toBe(13);
    }
  });

  it('finds papers imported through the CLI by searching either process', async () => {
    for (const s of [a, b]) {
      const hits = await getJson<{ paper: { id: string } }[]>(`${s.url}/api/papers/search?q=${encodeURIComponent('Qwen-Image technical report')}`);
      expect(hits[0]?.paper.id, s.url).toBe('2508.02324');
    }
  });

  it('counts an upvote through one process in the other at once, and the withdrawal too', async () => {
    expect((await runCli(['user', 'add', 'ada', '--email', 'ada@example.org'], env)).code).toBe(0);
    const made = await runCli(['token', 'add', 'ada'], env);
    expect(made.code).toBe(0);
    token = made.stdout.trim().split(/\s+/).at(-1)!;
    const [first] = await getJson<{ paper: { id: string } }[]>(`${b.url}/api/daily_papers?date=${DAY}&limit=1`);
    const id = first!.paper.id;
    const before = await upvotes(b, id);
    expect(await countOnDayPage(b, id)).toBe(before); // now in b's page cache

    const vote = await fetch(`${a.url}/api/papers/${id}/upvote`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await vote.json()).toEqual({ upvotes: before + 1, upvoted: true });
    expect(await upvotes(b, id)).toBe(before + 1);
    expect(await countOnDayPage(b, id)).toBe(before + 1);

    const undo = await fetch(`${b.url}/api/papers/${id}/upvote`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(await undo.json()).toEqual({ upvotes: before, upvoted: false });
    expect(await upvotes(a, id)).toBe(before);
  });

  it('shows a comment posted through one process in the other', async () => {
    const [first] = await getJson<{ paper: { id: string } }[]>(`${a.url}/api/daily_papers?date=${DAY}&limit=1`);
    const id = first!.paper.id;
    const posted = await fetch(`${a.url}/api/papers/${id}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Seen from the other process?' }),
    });
    expect(posted.status).toBe(201);
    const thread = await getJson<{ body: string }[]>(`${b.url}/api/papers/${id}/comments`);
    expect(thread.map((c) => c.body)).toContain('Seen from the other process?');
  });

  it('keeps a log-in made through one process valid in the other', async () => {
    const link = (await runCli(['user', 'link', 'ada'], env)).stdout.match(/\/reset\?token=\S+/)?.[0];
    expect(link).toBeTruthy();
    // Set a password through a, with the form's own anti-forgery token.
    const resetPage = await fetch(`${a.url}${link}`);
    const cookies = resetPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await resetPage.text();
    const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
    const tokenField = /name="token" value="([^"]*)"/.exec(html)?.[1] ?? '';
    const reset = await fetch(`${a.url}/reset`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://paperboy.test', cookie: cookies },
      body: new URLSearchParams({ _csrf: csrf, token: tokenField, password: 'a long enough password', confirm: 'a long enough password' }),
    });
    expect(reset.status).toBe(303);
    const session = reset.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(session).toMatch(/=/);
    const settings = await fetch(`${b.url}/settings`, { headers: { cookie: session }, redirect: 'manual' });
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('Logged in as <a href="/u/ada">ada</a>');
  });
});

describe.each(DATABASES)('two serve processes starting together on an empty $name database', ({ name }) => {
  it('both load the demo corpus without tripping over each other, and serve the same latest day', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const { location, drop } = await emptyDatabase(name, dirA.path);
    const env = { PAPERBOY_DATABASE: location, PAPERBOY_DEMO: 'true', PAPERBOY_SECRET: 'two-processes-share-this-secret-0123456789', PAPERBOY_BASE_URL: 'http://paperboy.test' };
    const servers = await Promise.allSettled([
      startServer({ ...env, PAPERBOY_DATA_DIR: dirA.path }, await freeTcpPort()),
      startServer({ ...env, PAPERBOY_DATA_DIR: dirB.path }, await freeTcpPort()),
    ]);
    try {
      const [a, b] = servers.map((s) => {
        if (s.status === 'rejected') throw s.reason;
        return s.value;
      });
      const latest = await Promise.all([a!, b!].map((s) => getJson<{ paper: { id: string } }[]>(`${s.url}/api/daily_papers?limit=100`)));
      expect(latest[0]!.length).toBeGreaterThanOrEqual(10);
      expect(latest[1]).toEqual(latest[0]);
    } finally {
      await Promise.all(servers.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
      await drop();
      dirA.remove();
      dirB.remove();
    }
  }, 120_000);
});
