// Comments on papers: who may write, reply to, edit and delete what, and how the flat rows become a
// thread. A deleted or hidden comment keeps its place only while visible replies hang under it.
import { getPaper } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { commentById, commentsOfPaper, insertComment, markCommentDeleted, updateCommentBody, type CommentRecord } from '../db/comments.ts';
import { refreshCounts } from '../db/papers.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';

export const MAX_COMMENT_CHARS = 10_000;
/** Comments (and edits) one member may post per hour: a lively discussion, not a flood. */
export const COMMENT_RATE = { limit: 30, windowSeconds: 3600, message: 'you are commenting very fast; please wait a while before posting again' };

export interface CommentNode {
  comment: CommentRecord;
  /** visible: shown in full; deleted by its author / removed by a moderator: a placeholder for its replies. */
  state: 'visible' | 'deleted' | 'removed';
  replies: CommentNode[];
}

/** A comment body as stored: trimmed, not empty, not too long. */
export function checkCommentBody(raw: unknown): string {
  if (typeof raw !== 'string') throw badRequest('body: write the comment as a string');
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (!body) throw badRequest('body: the comment is empty');
  if (body.length > MAX_COMMENT_CHARS) {
    throw badRequest(`body: a comment may be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters; this one has ${body.length.toLocaleString('en')}`);
  }
  return body;
}

async function visiblePaperId(db: Db, paperId: string): Promise<void> {
  const paper = await getPaper(db, paperId);
  if (!paper || paper.hidden) throw notFound(`paper ${paperId} is not on paperboy`);
}

function isVisible(c: CommentRecord): boolean {
  return !c.hidden && c.deletedAt === null;
}

/** Adds a comment (or a reply to one) and recomputes the paper's comment count in the same transaction. */
export async function addComment(
  db: Db,
  input: { paperId: string; userId: number; body: string; parentId?: number | null },
  now = new Date(),
): Promise<CommentRecord> {
  const body = checkCommentBody(input.body);
  return db.tx(async (tx) => {
    await visiblePaperId(tx, input.paperId);
    const parentId = input.parentId ?? null;
    if (parentId !== null) {
      const parent = await commentById(tx, parentId);
      if (!parent || parent.paperId !== input.paperId || parent.hidden) throw badRequest(`parent_id: there is no comment ${parentId} on paper ${input.paperId}`);
      if (parent.deletedAt !== null) throw badRequest(`parent_id: comment ${parentId} was deleted; reply to another one`);
    }
    const id = await insertComment(tx, { paperId: input.paperId, parentId, userId: input.userId, body }, now.toISOString());
    await refreshCounts(tx, input.paperId);
    return (await commentById(tx, id))!;
  });
}

/** The comment as its author may change it: on this paper, not hidden, not deleted, theirs. */
async function ownComment(db: Db, paperId: string, commentId: number, userId: number): Promise<CommentRecord> {
  await visiblePaperId(db, paperId);
  const comment = await commentById(db, commentId);
  if (!comment || comment.paperId !== paperId || !isVisible(comment)) throw notFound(`there is no comment ${commentId} on paper ${paperId}`);
  if (comment.userId !== userId) throw forbidden('only its author may change a comment');
  return comment;
}

export async function editComment(
  db: Db,
  input: { paperId: string; commentId: number; userId: number; body: string },
  now = new Date(),
): Promise<CommentRecord> {
  const body = checkCommentBody(input.body);
  return db.tx(async (tx) => {
    await ownComment(tx, input.paperId, input.commentId, input.userId);
    await updateCommentBody(tx, input.commentId, body, now.toISOString());
    return (await commentById(tx, input.commentId))!;
  });
}

export async function deleteComment(db: Db, input: { paperId: string; commentId: number; userId: number }, now = new Date()): Promise<void> {
  await db.tx(async (tx) => {
    await ownComment(tx, input.paperId, input.commentId, input.userId);
    await markCommentDeleted(tx, input.commentId, now.toISOString());
    await refreshCounts(tx, input.paperId);
  });
}

/** Builds the thread from flat rows (oldest first); hidden and deleted comments without visible replies drop out. */
export function buildThread(rows: CommentRecord[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  const roots: CommentNode[] = [];
  for (const c of rows) {
    const node: CommentNode = { comment: c, state: c.hidden ? 'removed' : c.deletedAt !== null ? 'deleted' : 'visible', replies: [] };
    nodes.set(c.id, node);
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  const prune = (list: CommentNode[]): CommentNode[] =>
    list.filter((n) => {
      n.replies = prune(n.replies);
      return n.state === 'visible' || n.replies.length > 0;
    });
  return prune(roots);
}

export async function commentThread(db: Db, paperId: string): Promise<CommentNode[]> {
  return buildThread(await commentsOfPaper(db, paperId));
}

/** Counts the comments a thread shows in full. */
export function countVisible(nodes: CommentNode[]): number {
  return nodes.reduce((n, node) => n + (node.state === 'visible' ? 1 : 0) + countVisible(node.replies), 0);
}
