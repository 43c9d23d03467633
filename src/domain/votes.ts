// Upvoting: a vote row per user and paper is the truth. Adding or taking one back recomputes the
// paper's count and its trending key in the same transaction, so they can never drift from the rows.
import { dailyRecordsByIds, getPaper, setHot } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { refreshCounts } from '../db/papers.ts';
import { addVote, hasVoted, removeVote } from '../db/votes.ts';
import { notFound } from '../errors.ts';
import { hotness } from './trending.ts';

/** Votes one member may cast (or take back) per hour; enough for reading a week's lists, not for a script. */
export const VOTE_RATE = { limit: 120, windowSeconds: 3600, message: 'you are voting very fast; please wait a while before voting again' };

export interface VoteState {
  upvotes: number;
  upvoted: boolean;
}

/** Sets the user's vote on a paper to `upvoted`. Doing it twice is the same as once. */
export async function setUpvote(db: Db, userId: number, paperId: string, upvoted: boolean, now = new Date()): Promise<VoteState> {
  return db.tx(async (tx) => {
    const paper = await getPaper(tx, paperId);
    if (!paper || paper.hidden) throw notFound(`paper ${paperId} is not on paperboy`);
    const changed = upvoted ? await addVote(tx, userId, paperId, now.toISOString()) : await removeVote(tx, userId, paperId);
    if (!changed) return { upvotes: paper.upvotes, upvoted };
    const { upvotes } = await refreshCounts(tx, paperId);
    const daily = (await dailyRecordsByIds(tx, [paperId])).get(paperId);
    if (daily) await setHot(tx, paperId, hotness(upvotes, daily.submittedAt));
    return { upvotes, upvoted };
  });
}

export async function voteState(db: Db, userId: number | null, paperId: string, upvotes: number): Promise<VoteState> {
  return { upvotes, upvoted: userId !== null && (await hasVoted(db, userId, paperId)) };
}
