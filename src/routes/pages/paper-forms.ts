// Form posts under a paper's page (/papers/ID/upvote, /papers/ID/comments, …) for both id shapes.
import type { Context } from 'hono';
import type { App, AppEnv } from '../../app.ts';
import { arxivIdProblem, parseArxivRef } from '../../domain/arxiv-id.ts';
import { badRequest } from '../../errors.ts';
import { NEW_ID, OLD_ARCHIVE, OLD_NUMBER } from './paper.ts';

/** The bare id of an address the route's pattern matched; only its version can still be wrong (v0). */
export function bareId(raw: string): string {
  const ref = parseArxivRef(raw);
  if (!ref) throw badRequest(arxivIdProblem(raw));
  return ref.id;
}

/** app.post('/papers/ID' + rest, handler) with the bare paper id, for new- and old-style ids. */
export function onPaperForm(app: App, rest: string, handler: (c: Context<AppEnv>, paperId: string) => Promise<Response>): void {
  app.post(`/papers/:id{${NEW_ID}}${rest}`, (c) => handler(c, bareId(c.req.param('id'))));
  app.post(`/papers/:archive{${OLD_ARCHIVE}}/:number{${OLD_NUMBER}}${rest}`, (c) => handler(c, bareId(`${c.req.param('archive')}/${c.req.param('number')}`)));
}

/** The text of a form field ('' when absent or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}
