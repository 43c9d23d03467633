// Comments on a paper as JSON: GET the thread, POST a comment or reply, PATCH and DELETE your own.
// Hugging Face has no read API for paper comments; the shape here is paperboy's own.
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import type { CommentRecord } from '../../db/comments.ts';
import { getPaper } from '../../db/daily.ts';
import { addComment, COMMENT_RATE, commentThread, deleteComment, editComment, type CommentNode } from '../../domain/comments.ts';
import { notFound } from '../../errors.ts';
import { renderMarkdown } from '../../views/markdown.ts';
import { requireViewer } from '../auth.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { jsonInput } from './json-input.ts';
import { commentApiDocs } from './comments-openapi.ts';
import { onPaper } from './paper-path.ts';

const commentId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,12}$/).transform(Number)], { message: 'must be a comment id (a positive whole number)' });
const newComment = z.object({ body: z.string({ message: 'write the comment as a string' }), parent_id: commentId.nullish() });
const changedComment = z.object({ body: z.string({ message: 'write the comment as a string' }) });

/** A comment as the API shows it; a deleted or removed one keeps only its place in the thread. */
export function presentComment(c: CommentRecord, state: CommentNode['state'] = 'visible', replies: CommentNode[] = []): Record<string, unknown> {
  const shown = state === 'visible';
  return {
    id: c.id,
    parentId: c.parentId,
    paperId: c.paperId,
    status: state,
    author: shown ? { name: c.username, fullname: c.username, type: 'user' } : null,
    body: shown ? c.body : null,
    html: shown ? renderMarkdown(c.body).value : null,
    createdAt: c.createdAt,
    editedAt: shown ? c.editedAt : null,
    replies: replies.map((r) => presentComment(r.comment, r.state, r.replies)),
  };
}

export function commentApiRoutes(app: App, { db }: AppDeps): void {
  commentApiDocs();

  onPaper(app, 'get', '/comments', async (c, paperId) => {
    const paper = await getPaper(db, paperId);
    if (!paper || paper.hidden) throw notFound(`paper ${paperId} is not on paperboy`);
    return c.json((await commentThread(db, paperId)).map((n) => presentComment(n.comment, n.state, n.replies)));
  });

  onPaper(app, 'post', '/comments', async (c, paperId) => {
    const viewer = requireViewer(c);
    const input = await jsonInput(c, newComment, '{"body": "…", "parent_id": 12}');
    await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
    const comment = await addComment(db, { paperId, userId: viewer.id, body: input.body, parentId: input.parent_id ?? null });
    c.header('Location', `/papers/${paperId}#comment-${comment.id}`);
    return c.json(presentComment(comment), 201);
  });

  const targetId = (raw: string | undefined) => {
    const parsed = commentId.safeParse(raw);
    if (!parsed.success) throw notFound(`there is no comment ${String(raw).slice(0, 20)}`);
    return parsed.data;
  };

  onPaper(app, 'patch', '/comments/:cid', async (c, paperId) => {
    const viewer = requireViewer(c);
    const id = targetId(c.req.param('cid'));
    const input = await jsonInput(c, changedComment, '{"body": "…"}');
    await rateLimit(c, `comment:${viewer.id}`, COMMENT_RATE.limit, COMMENT_RATE.windowSeconds, COMMENT_RATE.message);
    return c.json(presentComment(await editComment(db, { paperId, commentId: id, userId: viewer.id, body: input.body })));
  });

  onPaper(app, 'delete', '/comments/:cid', async (c, paperId) => {
    const viewer = requireViewer(c);
    await deleteComment(db, { paperId, commentId: targetId(c.req.param('cid')), userId: viewer.id });
    return c.body(null, 204);
  });
}
