// Headless Debian Chromium driven by playwright-core, for flows where JavaScript matters.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
