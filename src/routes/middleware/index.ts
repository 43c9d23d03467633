// The request pipeline in front of every route: body size limit → who is asking (viewer, csrf
// token) → rate limiter → anti-forgery check. Installed by createApp before the route table.
import type { App, AppDeps } from '../../app.ts';
import { bodyLimitMiddleware } from './body-limit.ts';
import { csrfMiddleware } from './csrf.ts';
import { limiterMiddleware } from './rate-limit.ts';
import { viewerMiddleware } from './viewer.ts';

export function installMiddleware(app: App, deps: AppDeps): void {
  app.use(bodyLimitMiddleware(deps));
  app.use(viewerMiddleware(deps));
  app.use(limiterMiddleware(deps));
  app.use(csrfMiddleware(deps));
}
