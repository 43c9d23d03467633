// The comment thread on the paper page (a paper section) and the forms that post, edit and delete
// comments without JavaScript; each sends the browser back to the comment on the paper's page, or,
// when the text is refused (empty, too long, too fast), shows the page again with it in its form.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { addComment, COMMENT_RATE, commentThread, countVisible, deleteComment, editComment } from '../../domain/comments.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { commentsSection, type CommentDraft } from '../../views/comments.ts';
import { commentCounts } from '../../views/paper-card.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { loginUrl } from './back.ts';
import { addPaperSection, paperPageResponse } from './paper.ts';
import { field, onPaperForm } from './paper-forms.ts';

/** The refused draft of the request being answered, for the section to show. */
const drafts = new WeakMap<Context<AppEnv>, CommentDraft>();

addPaperSection(async (paper, c, { db }) => {
  const thread = await commentThread(db, paper.id);
  const count = countVisible(thread);
  return commentsSection({
    paperId: paper.id, thread, count, elsewhere: commentCounts(paper).elsewhere, viewer: c.get('viewer'), csrf: c.get('csrf'), draft: drafts.get(c) ?? null,
  });
});

/**
 * Runs a comment form's action. A refusal the writer can fix (400: empty or too long; 429: too fast)
 * answers with the paper page again, its status and headers, the text kept in the form and the reason
 * beside it; anything else (404, 403) goes to the error page.
 */
async function keepingDraft(c: Context<AppEnv>, deps: AppDeps, paperId: string, draft: Omit<CommentDraft, 'error'>, action: () => Promise<Response>): Promise<Response> {
  try {
    return await action();
  } catch (e) {
    if (!(e instanceof AppError) || (e.status !== 400 && e.status !== 429)) throw e;
    drafts.set(c, { ...draft, error: e.message.replace(/^body: /, '') });
    for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
    return paperPageResponse(c, deps, paperId, e.status);
  }
}

function idOf(raw: string, what: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw badRequest(`${what} must be a comment id`);
  return Number(raw);
}

export function commentFormRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  onPaperForm(app, '/comments', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    const form = await c.req.parseBody();
    const parent = field(form, 'parent_id');
    const body = field(form, 'body');
    const parentId = /^\d{1,12}$/.test(parent) ? Number(parent) : null;
    return keepingDraft(c, deps, paperId, { parentId, editId: null, body }, async () => {
      await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
      const comment = await addComment(db, { paperId, userId: viewer.id, body, parentId: parent ? idOf(parent, 'parent_id') : null });
      return c.redirect(`/papers/${paperId}#comment-${comment.id}`, 303);
    });
  });

  const target = (raw: string | undefined) => {
    if (!raw || !/^\d{1,12}$/.test(raw)) throw notFound('there is no such comment');
    return Number(raw);
  };

  onPaperForm(app, '/comments/:cid/edit', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    const id = target(c.req.param('cid'));
    const body = field(await c.req.parseBody(), 'body');
    return keepingDraft(c, deps, paperId, { parentId: null, editId: id, body }, async () => {
      await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
      await editComment(db, { paperId, commentId: id, userId: viewer.id, body });
      return c.redirect(`/papers/${paperId}#comment-${id}`, 303);
    });
  });

  onPaperForm(app, '/comments/:cid/delete', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    await deleteComment(db, { paperId, commentId: target(c.req.param('cid')), userId: viewer.id });
    return c.redirect(`/papers/${paperId}#comments`, 303);
  });
}
