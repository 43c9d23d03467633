// The request pipeline in front of every route: request context → body size limit → who is asking (viewer, csrf
// token) → rate limiter → anti-forgery check. Installed by createApp before the route table.
import { contextStorage } from 'hono/context-storage';
import type { App, AppDeps } from '../../app.ts';
import { bodyLimitMiddleware } from './body-limit.ts';
import { csrfMiddleware } from './csrf.ts';
import { limiterMiddleware } from './rate-limit.ts';
import { viewerMiddleware } from './viewer.ts';

export function installMiddleware(app: App, deps: AppDeps): void {
  // Lets the page header read the viewer even when a page does not pass it (error pages).
  app.use(contextStorage());
  app.use(bodyLimitMiddleware(deps));
  app.use(viewerMiddleware(deps));
  app.use(limiterMiddleware(deps));
  app.use(csrfMiddleware(deps));
}
