// Static assets: our own (public/) and KaTeX's stylesheet and fonts, held in memory, cached long.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../app.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon',
};

interface Asset { body: Buffer; type: string; etag: string }

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '../../public');
const katexDir = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

function load(dir: string, prefix: string, filter: (f: string) => boolean, into: Map<string, Asset>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const rel = full.slice(dir.length + 1);
    if (!filter(rel) || !TYPES[extname(rel)]) continue;
    const body = readFileSync(full);
    into.set(prefix + rel, { body, type: TYPES[extname(rel)]!, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });
  }
}

export function staticRoutes(app: App): void {
  const assets = new Map<string, Asset>();
  load(publicDir, '/static/', () => true, assets);
  load(katexDir, '/static/katex/', (f) => f === 'katex.min.css' || (f.startsWith('fonts/') && f.endsWith('.woff2')), assets);
  app.get('/static/*', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.notFound();
    const headers = { 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': 'public, max-age=3600' };
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(asset.body), 200, headers);
  });
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));
}
