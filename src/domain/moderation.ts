// Moderation actions: each changes one thing and writes who did it to the audit log in the same
// transaction, so the log never misses an action nor records one that did not happen.
import { insertAudit } from '../db/audit.ts';
import { setCommentHidden } from '../db/comments.ts';
import type { Db } from '../db/driver.ts';
import { moderatedPaper, setPaperHidden } from '../db/moderation.ts';
import { deleteUserSessions } from '../db/sessions.ts';
import { setSuspended, userById } from '../db/users.ts';

export interface Actor {
  id: number;
  username: string;
}

/** A moderation request that cannot be done; the message says why. */
export class ModerationError extends Error {
  constructor(message: string, readonly kind: 'missing' | 'refused' = 'missing') {
    super(message);
  }
}

async function audit(db: Db, actor: Actor, action: string, targetType: string, targetId: string, detail: string | null, now: string) {
  await insertAudit(db, { actorId: actor.id, actorName: actor.username, action, targetType, targetId, detail, createdAt: now });
}

export async function hidePaper(db: Db, actor: Actor, paperId: string, hidden: boolean, now = new Date().toISOString()): Promise<void> {
  await db.tx(async (tx) => {
    const paper = await moderatedPaper(tx, paperId);
    if (!paper) throw new ModerationError(`there is no paper ${paperId}`);
    await setPaperHidden(tx, paperId, hidden, now);
    await audit(tx, actor, hidden ? 'hide paper' : 'unhide paper', 'paper', paperId, paper.title.slice(0, 200), now);
  });
}

export async function hideComment(db: Db, actor: Actor, commentId: number, hidden: boolean, now = new Date().toISOString()): Promise<string> {
  return db.tx(async (tx) => {
    const paperId = await setCommentHidden(tx, commentId, hidden);
    if (paperId === null) throw new ModerationError(`there is no comment ${commentId}`);
    await audit(tx, actor, hidden ? 'hide comment' : 'unhide comment', 'comment', String(commentId), `on ${paperId}`, now);
    return paperId;
  });
}

/** Suspends (logging them out everywhere; their tokens stop working) or reinstates a member. */
export async function suspendUser(db: Db, actor: Actor, userId: number, suspended: boolean, now = new Date().toISOString()): Promise<void> {
  if (userId === actor.id && suspended) throw new ModerationError('you cannot suspend yourself', 'refused');
  await db.tx(async (tx) => {
    const user = await userById(tx, userId);
    if (!user) throw new ModerationError(`there is no user ${userId}`);
    await setSuspended(tx, userId, suspended, now);
    if (suspended) await deleteUserSessions(tx, userId);
    await audit(tx, actor, suspended ? 'suspend user' : 'unsuspend user', 'user', String(userId), user.username, now);
  });
}
