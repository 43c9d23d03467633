// Headless Debian Chromium driven by playwright-core, for flows where JavaScript matters.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort, runCli, startServer } from './cli.ts';
import { tempDir } from './support.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed; CI sets PAPERBOY_REQUIRE_SUITES=1 so a missing browser fails instead. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.PAPERBOY_REQUIRE_SUITES === '1') throw new Error(`${CHROMIUM} is missing but PAPERBOY_REQUIRE_SUITES=1`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface BrowserSite {
  /** The running server's address, Chromium, and the settings both the CLI and the server used. */
  url: string;
  browser: Browser;
  env: Record<string, string>;
  dir: string;
}

/** A server the site talks to (an SMTP sink, the arXiv stand-in) and the settings that point the site at it. */
export interface SiteService {
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface BrowserSiteOptions {
  /** Settings added to the site's. */
  env?: Record<string, string>;
  /** Started before `prepare` and the server, their settings added to the site's; closed after the server stops. */
  services?: () => Promise<SiteService[]>;
}

/**
 * Registers beforeAll/afterAll hooks for a browser test: a fresh data dir and SQLite database, the
 * services, `prepare` (CLI imports, users…) run before the server starts, then `paperboy serve` and
 * Chromium. PAPERBOY_BASE_URL is the address the browser uses, so links the site or the CLI write
 * (in mails, feeds) lead back to it. The returned object is filled in by the time the tests run.
 */
export function useBrowserSite(prepare: (setup: { env: Record<string, string>; dir: string }) => Promise<void> = async () => {}, options: BrowserSiteOptions = {}): BrowserSite {
  const dir = tempDir();
  const port = freePort();
  const env: Record<string, string> = {
    PAPERBOY_DATABASE: join(dir.path, 'site.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false',
    PAPERBOY_BASE_URL: `http://127.0.0.1:${port}`, ...options.env,
  };
  const site = { env, dir: dir.path } as unknown as BrowserSite; // url and browser arrive in beforeAll
  let services: SiteService[] = [];
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    services = (await options.services?.()) ?? [];
    for (const s of services) Object.assign(env, s.env);
    await prepare({ env, dir: dir.path });
    server = await startServer(env, port);
    site.url = server.url;
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await server?.stop();
    for (const s of services) await s.close();
    dir.remove();
  });
  return site;
}

/** Runs a paperboy command for a test's setup and fails the setup when it fails. */
export async function cliStep(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  const result = await runCli(args, env, input);
  if (result.code !== 0) throw new Error(`paperboy ${args.join(' ')} exited with ${result.code}: ${result.stderr}`);
  return result.stdout;
}
