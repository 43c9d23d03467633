// Commands whose reader goes away (`paperboy dump - | head`): they end quietly as a Unix tool ended
// by SIGPIPE does (status 141, nothing on stderr), never with a stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../src/ingest/demo.ts';
import { BIN, runCli } from './cli.ts';
import { tempDir } from './support.ts';

interface Closed {
  code: number | null;
  stderr: string;
  /** Bytes the reader took before closing. */
  read: number;
}

/** Runs the command with its stdout read up to `closeAfter` bytes (0: closed before it writes) and then closed. */
function readThenClose(args: string[], env: Record<string, string>, closeAfter: number): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, PAPERBOY_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let read = 0;
    let stderr = '';
    if (closeAfter === 0) child.stdout.destroy();
    else
      child.stdout.on('data', (d: Buffer) => {
        read += d.length;
        if (read >= closeAfter) child.stdout.destroy();
      });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('a closed standard output', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'pipes.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  beforeAll(async () => {
    // Thousands of papers: a dump of several MB, far more than a pipe holds.
    expect((await runCli(['import', DEMO_FILE], env)).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('ends `dump -` quietly when the reader stops after the first lines', async () => {
    const run = await readThenClose(['dump', '-'], env, 1000);
    expect(run.read).toBeGreaterThanOrEqual(1000);
    expect(run).toMatchObject({ code: 141, stderr: '' });
  });

  const commands = [['help'], ['config'], ['search', '--json', 'language model'], ['dump', '-']];
  it.each(commands.map((args) => [args.join(' '), args] as const))('ends `%s` quietly when nobody reads', async (_, args) => {
    const run = await readThenClose([...args], env, 0);
    expect(run).toMatchObject({ code: 141, stderr: '' });
  });

  it('still writes everything to a reader that stays', async () => {
    const run = await runCli(['search', '--json', '--limit', '3', 'language model'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(3);
  });
});
