// The comment thread on the paper page (a paper section) and the forms that post, edit and delete
// comments without JavaScript; each sends the browser back to the comment on the paper's page.
import type { App, AppDeps } from '../../app.ts';
import { addComment, COMMENT_RATE, commentThread, countVisible, deleteComment, editComment } from '../../domain/comments.ts';
import { badRequest, notFound } from '../../errors.ts';
import { commentsSection } from '../../views/comments.ts';
import { commentCounts } from '../../views/paper-card.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { loginUrl } from './back.ts';
import { addPaperSection } from './paper.ts';
import { field, onPaperForm } from './paper-forms.ts';

addPaperSection(async (paper, c, { db }) => {
  const thread = await commentThread(db, paper.id);
  const count = countVisible(thread);
  return commentsSection({ paperId: paper.id, thread, count, elsewhere: commentCounts(paper).elsewhere, viewer: c.get('viewer'), csrf: c.get('csrf') });
});

function idOf(raw: string, what: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw badRequest(`${what} must be a comment id`);
  return Number(raw);
}

export function commentFormRoutes(app: App, { db }: AppDeps): void {
  onPaperForm(app, '/comments', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    const form = await c.req.parseBody();
    const parent = field(form, 'parent_id');
    await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
    const comment = await addComment(db, { paperId, userId: viewer.id, body: field(form, 'body'), parentId: parent ? idOf(parent, 'parent_id') : null });
    return c.redirect(`/papers/${paperId}#comment-${comment.id}`, 303);
  });

  const target = (raw: string | undefined) => {
    if (!raw || !/^\d{1,12}$/.test(raw)) throw notFound('there is no such comment');
    return Number(raw);
  };

  onPaperForm(app, '/comments/:cid/edit', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    const id = target(c.req.param('cid'));
    await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
    await editComment(db, { paperId, commentId: id, userId: viewer.id, body: field(await c.req.parseBody(), 'body') });
    return c.redirect(`/papers/${paperId}#comment-${id}`, 303);
  });

  onPaperForm(app, '/comments/:cid/delete', async (c, paperId) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(`/papers/${paperId}#comments`), 303);
    await deleteComment(db, { paperId, commentId: target(c.req.param('cid')), userId: viewer.id });
    return c.redirect(`/papers/${paperId}#comments`, 303);
  });
}
