// `paperboy serve [--port N]`: the web server and the in-process background work.
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { loadDemoIfEmpty } from '../ingest/demo.ts';
import { createLogger } from '../log.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';
import { maskDatabaseUrl, options, type Config } from '../config.ts';
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
      // The PORT setting's own rule, so the flag and the variable accept and refuse the same values.
      const port = options.port.schema.safeParse(values.port);
      if (!port.success) throw new CliError(`--port ${port.error.issues[0]!.message}, not "${values.port}"`, 2);
      config.port = port.data;
      if (!process.env.PAPERBOY_BASE_URL) config.baseUrl = `http://localhost:${config.port}`;
    }
    const log = createLogger(config.logLevel);
    // The port first: a clash ends the command before the database is created, migrated or given the
    // demo corpus, so a failed start leaves nothing behind. Requests that arrive meanwhile wait for the app.
    const app = appWhenReady();
    const server = await listen(app.fetch, config);
    const db = await openWithDemo(config, log).catch(async (e: unknown) => {
      // Nothing else was started: a server that cannot start must not send digests or retrain either.
      app.failed();
      await drain(server);
      throw e;
    });
    app.ready(createApp({ db, config, log }).fetch);
    log.info({ port: (server.address() as AddressInfo).port, database: maskDatabaseUrl(config.database), baseUrl: config.baseUrl }, `paperboy is serving on ${config.baseUrl}`);
    // Background work starts only once the port is ours and the app answers.
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

/** The database, checked and migrated, with the demo corpus if it holds no paper; closed again if that fails. */
async function openWithDemo(config: Config, log: Logger): Promise<Db> {
  const db = await openCheckedDatabase(config);
  try {
    if (config.demo) await loadDemoIfEmpty(db, log);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => unknown;

/** The server's request handler before the app exists: requests wait for it, or get 503 if the start fails. */
function appWhenReady(): { fetch: Fetch; ready(fetch: Fetch): void; failed(): void } {
  let current: Fetch | null = null;
  let settle!: (fetch: Fetch) => void;
  const pending = new Promise<Fetch>((resolve) => (settle = resolve));
  const unavailable: Fetch = () => new Response('paperboy could not start\n', { status: 503, headers: { 'content-type': 'text/plain' } });
  return {
    fetch: (request, env) => (current ? current(request, env) : pending.then((f) => f(request, env))),
    ready(fetch) {
      current = fetch;
      settle(fetch);
    },
    failed() {
      current = unavailable;
      settle(unavailable);
    },
  };
}

/** Listens on the configured port; one clean line if it is taken or not allowed. */
function listen(fetch: Fetch, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch, port: config.port }, () => resolve(s as Server));
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
