// Who may do what. The viewer is set per request by the session/token middleware (null = anonymous).
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { Viewer } from '../views/layout.ts';

/** The logged-in viewer, or a 401 (the error handler turns it into JSON for the API). */
export function requireViewer(c: Context<AppEnv>): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw unauthorized();
  return viewer;
}

export function requireAdmin(c: Context<AppEnv>): Viewer {
  const viewer = requireViewer(c);
  if (!viewer.isAdmin) throw forbidden('only administrators may do this');
  return viewer;
}
