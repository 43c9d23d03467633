// Form posts under a paper's page (/papers/ID/upvote, /papers/ID/comments, …) for both id shapes.
import type { Context } from 'hono';
import type { App, AppEnv } from '../../app.ts';
import { parseArxivRef } from '../../domain/arxiv-id.ts';
import { NEW_ID, OLD_ARCHIVE, OLD_NUMBER } from './paper.ts';

/** app.post('/papers/ID' + rest, handler) with the bare paper id, for new- and old-style ids. */
export function onPaperForm(app: App, rest: string, handler: (c: Context<AppEnv>, paperId: string) => Promise<Response>): void {
  app.post(`/papers/:id{${NEW_ID}}${rest}`, (c) => handler(c, parseArxivRef(c.req.param('id'))!.id));
  app.post(`/papers/:archive{${OLD_ARCHIVE}}/:number{${OLD_NUMBER}}${rest}`, (c) =>
    handler(c, parseArxivRef(`${c.req.param('archive')}/${c.req.param('number')}`)!.id),
  );
}

/** The text of a form field ('' when absent or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}
