// Liveness (/healthz) and Prometheus metrics (/metrics) of this process.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { App, AppDeps } from '../app.ts';

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'paperboy_' });

const requests = new Histogram({
  name: 'paperboy_http_request_duration_seconds',
  help: 'HTTP request duration by route pattern and status class',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const importedPapers = new Counter({ name: 'paperboy_papers_upserted_total', help: 'Papers inserted or updated', registers: [registry] });

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  requests.observe({ method, route: status === 404 ? 'unmatched' : route, status: `${Math.floor(status / 100)}xx` }, seconds);
}

export function healthRoutes(app: App, { db }: AppDeps): void {
  app.get('/healthz', async (c) => {
    await db.get('select 1 as ok');
    return c.json({ status: 'ok' });
  });
  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
}
