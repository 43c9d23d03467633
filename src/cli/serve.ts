// `paperboy serve [--port N]`: the web server and the in-process background work.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { loadDemoIfEmpty } from '../ingest/demo.ts';
import { createLogger } from '../log.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';
import { maskDatabaseUrl, type Config } from '../config.ts';
import type { Db } from '../db/driver.ts';
import type { Logger } from '../log.ts';

/** Work that runs beside the web server (the job runner); each returns a stop function. */
export type Background = (deps: { db: Db; config: Config; log: Logger }) => Promise<() => Promise<void>>;
const background: Background[] = [];
export function addBackground(task: Background): void {
  background.push(task);
}
// The durable job queue: digests on their schedule, mail delivery with retries, periodic upkeep.
addBackground((deps) => startJobRunner(deps));

/** How long requests under way at shutdown may take to finish before their connections are cut. */
const DRAIN_MS = 10_000;

/**
 * Stops taking connections and waits for the requests under way to be answered, so none meets a
 * closed database. Kept-alive connections are closed as soon as they fall idle.
 */
async function drain(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
}

export const serveCommand: Command = {
  summary: 'run the web server (pages, API, feeds) and the job runner',
  usage: 'serve [--port N]',
  async run(args, baseConfig) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
    const config = { ...baseConfig };
    if (values.port !== undefined) {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${values.port}"`, 2);
      config.port = port;
      if (!process.env.PAPERBOY_BASE_URL) config.baseUrl = `http://localhost:${port}`;
    }
    const log = createLogger(config.logLevel);
    const db = await openCheckedDatabase(config);
    let server: Server;
    try {
      if (config.demo) await loadDemoIfEmpty(db, log);
      server = await listen(createApp({ db, config, log }), config, log);
    } catch (e) {
      // Nothing else was started: a server that cannot listen must not send digests or retrain either.
      await db.close();
      throw e;
    }
    // Background work starts only once the port is ours.
    const started = startBackground({ db, config, log });

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      await drain(server);
      for (const s of await started.catch(() => [])) await s();
      await db.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    try {
      await started;
    } catch (e) {
      if (stopping) return; // a signal's stop is closing everything already
      stopping = true;
      await drain(server);
      await db.close();
      throw e;
    }
  },
};

function listen(app: ReturnType<typeof createApp>, config: Config, log: Logger): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port }, (info) => {
      log.info({ port: info.port, database: maskDatabaseUrl(config.database), baseUrl: config.baseUrl }, `paperboy is serving on ${config.baseUrl}`);
      resolve(s as Server);
    });
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(new CliError(e.code === 'EADDRINUSE' ? `port ${config.port} is in use; choose another with --port or PORT` : e.message)),
    );
  });
}

/** Starts the background tasks one by one; if one fails, those already started are stopped. */
async function startBackground(deps: Parameters<Background>[0]): Promise<(() => Promise<void>)[]> {
  const stops: (() => Promise<void>)[] = [];
  try {
    for (const task of background) stops.push(await task(deps));
  } catch (e) {
    for (const s of stops) await s();
    throw e;
  }
  return stops;
}
