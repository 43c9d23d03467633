// `paperboy serve` stopped by a signal while a request is being answered: the request finishes and
// is stored, then the process exits cleanly (the database is closed only after the last answer).
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import { commentThread } from '../src/domain/comments.ts';
import { freePort, runCli, startServer } from './cli.ts';
import { HF_SAMPLE, tempDir } from './support.ts';

describe('serve on SIGTERM', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'serve.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  afterAll(() => dir.remove());

  it('answers a request already under way before it exits', async () => {
    expect((await runCli(['import', HF_SAMPLE], env)).code).toBe(0);
    expect((await runCli(['user', 'add', 'ada', '--email', 'ada@example.org'], env, 'long enough secret\n')).code).toBe(0);
    const token = (await runCli(['token', 'add', 'ada'], env)).stdout.trim().split(/\s+/).at(-1)!;
    const port = freePort();
    const server = await startServer(env, port);
    const paperId = ((await (await fetch(`${server.url}/api/daily_papers?date=2025-08-05`)).json()) as { paper: { id: string } }[])[0]!.paper.id;
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const body = JSON.stringify({ body: 'Written while the server was stopping.' });
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Headers and half the body: the route is now waiting for the rest.
    socket.write(`POST /api/papers/${paperId}/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    socket.write(body.slice(10));
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(await exited).toBe(0);
    expect(server.output()).not.toMatch(/"level":50|Cannot use a pool|not open/);

    const db = await openDatabase(env.PAPERBOY_DATABASE);
    try {
      expect((await commentThread(db, paperId)).map((n) => n.comment.body)).toEqual(['Written while the server was stopping.']);
    } finally {
      await db.close();
    }
  });
});
