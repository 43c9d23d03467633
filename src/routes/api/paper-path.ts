// The paper id in /api/papers/ID/… paths: new-style ids in one segment, old-style ones
// (hep-th/9901001) in two. Registers a handler for both shapes.
import type { Context } from 'hono';
import type { App, AppEnv } from '../../app.ts';
import { arxivIdProblem, parseArxivRef } from '../../domain/arxiv-id.ts';
import { badRequest } from '../../errors.ts';

const OLD = '/api/papers/:archive{[a-z-]+(?:\\.[A-Z]{2})?}/:number{[0-9]{7}(?:v[0-9]+)?}';

/** The bare paper id of the path, or a 400 naming what was wrong. */
export function pathPaperId(c: Context<AppEnv>): string {
  const raw = c.req.param('archive') ? `${c.req.param('archive')}/${c.req.param('number')}` : (c.req.param('id') ?? '');
  const ref = parseArxivRef(raw);
  if (!ref) throw badRequest(arxivIdProblem(raw));
  return ref.id;
}

type Method = 'get' | 'post' | 'delete' | 'patch';

/** app[method]('/api/papers/ID' + rest, handler) for both id shapes. */
export function onPaper(app: App, method: Method, rest: string, handler: (c: Context<AppEnv>, paperId: string) => Promise<Response>): void {
  const run = (c: Context<AppEnv>) => handler(c, pathPaperId(c));
  app[method](`/api/papers/:id{[^/]+}${rest}`, run);
  app[method](`${OLD}${rest}`, run);
}
