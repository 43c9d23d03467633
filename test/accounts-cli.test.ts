// `paperboy user add` and `paperboy token add` as an operator runs them, against a real server:
// the password from stdin or a one-time link, a token that works as a Bearer token, clean errors,
// and no password, token, cookie or link in the server's logs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer } from './cli.ts';
import { tempDir } from './support.ts';

describe('account commands', () => {
  const dir = tempDir();
  const port = freePort();
  const env = {
    PAPERBOY_DATABASE: join(dir.path, 'cli.db'),
    PAPERBOY_DATA_DIR: dir.path,
    PAPERBOY_DEMO: 'false',
    PAPERBOY_BASE_URL: `http://127.0.0.1:${port}`,
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  const secrets: string[] = [];

  beforeAll(async () => {
    server = await startServer({ ...env, PAPERBOY_LOG_LEVEL: 'trace' }, port);
  });
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  async function login(username: string, password: string): Promise<Response> {
    const form = await fetch(`${server.url}/login`);
    const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    secrets.push(cookie.split('=')[1]!);
    return fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username, password }),
    });
  }

  it('creates an administrator with the password piped on stdin', async () => {
    const r = await runCli(['user', 'add', 'root', '--email', 'root@example.org', '--admin'], env, 'piped secret 123\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('created administrator root <root@example.org> with the password from stdin\n');
    secrets.push('piped secret 123');
    const res = await login('root', 'piped secret 123');
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('pb_session='))!;
    secrets.push(session.split(';')[0]!.split('=')[1]!);
  });

  it('prints a one-time set-password link when no password is piped', async () => {
    const r = await runCli(['user', 'add', 'newbie', '--email', 'newbie@example.org'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created member newbie <newbie@example.org> without a password.');
    const link = /(http:\/\/\S+\/reset\?token=\S+)/.exec(r.stdout)![1]!;
    secrets.push(new URL(link).searchParams.get('token')!);
    const page = await fetch(link.replace(env.PAPERBOY_BASE_URL, server.url));
    expect(page.status).toBe(200);
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const set = await fetch(`${server.url}/reset`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: new URL(link).searchParams.get('token')!, password: 'chosen by newbie' }),
    });
    expect(set.status).toBe(303);
    secrets.push('chosen by newbie');
    expect((await login('newbie', 'chosen by newbie')).status).toBe(303);
    expect((await fetch(link.replace(env.PAPERBOY_BASE_URL, server.url))).status).toBe(400);
  });

  it('prints a working API token as the last word; a bad token gets 401 JSON', async () => {
    const r = await runCli(['token', 'add', 'root'], env);
    expect(r.code).toBe(0);
    const token = r.stdout.trim().split(/\s+/).pop()!;
    expect(token).toMatch(/^pb_[\w-]{43}$/);
    secrets.push(token);
    const who = await fetch(`${server.url}/api/whoami-v2`, { headers: { authorization: `Bearer ${token}` } });
    expect(await who.json()).toMatchObject({ name: 'root', isAdmin: true });
    const bad = await fetch(`${server.url}/api/whoami-v2`, { headers: { authorization: 'Bearer pb_not-a-real-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toContain('application/json');
    expect(await bad.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('fails cleanly, creating nothing, on bad input', async () => {
    const short = await runCli(['user', 'add', 'shorty', '--email', 'shorty@example.org'], env, 'short\n');
    expect(short.code).toBe(65);
    expect(short.stderr).toBe('paperboy: user add: the password on stdin: the password must be at least 8 characters\n');
    const dup = await runCli(['user', 'add', 'ROOT', '--email', 'other@example.org'], env, 'long enough pw\n');
    expect(dup.code).toBe(65);
    expect(dup.stderr).toContain('username: that username is already taken');
    const badName = await runCli(['user', 'add', 'no spaces', '--email', 'x@example.org'], env);
    expect(badName.code).toBe(65);
    expect(badName.stderr).toContain('the username must be 2–32 letters');
    expect((await runCli(['user', 'add', 'noemail'], env)).stderr).toContain('--email is required');
    const missing = await runCli(['token', 'add', 'ghost'], env);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toBe('paperboy: token add: there is no user "ghost" (create one with `paperboy user add`)\n');
    expect((await runCli(['token'], env)).code).toBe(2);
    const list = await runCli(['user', 'list'], env);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort()).toEqual(['newbie', 'root']);
  });

  it('never writes a password, token, session cookie or set-password link to the logs', async () => {
    const output = server.output();
    expect(output).toContain('"path":"/login"'); // requests were logged at this level
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toContain('token=');
  });
});
