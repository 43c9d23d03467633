// Submitting a paper: a member names an arXiv id or URL, paperboy fetches its metadata from arXiv
// and lists it on today's (UTC) daily list. The policy: a paper is listed once, a member lists at
// most `submitDailyQuota` papers a day, and only papers first published in the last `submitMaxAgeDays`.
import { ArxivUnavailableError, fetchArxivPapers } from '../arxiv/index.ts';
import type { Config } from '../config.ts';
import { getPaper } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { refreshCounts } from '../db/papers.ts';
import { claimDailyEntry, listedDay, submissionsOn } from '../db/submissions.ts';
import { AppError, badGateway, badRequest, conflict, forbidden, notFound, tooMany } from '../errors.ts';
import { parseArxivRef } from './arxiv-id.ts';
import { addComment, checkCommentBody } from './comments.ts';
import { addDays, dayString } from './dates.ts';
import { upsertPapers } from './papers.ts';
import { hotness } from './trending.ts';

/** Submission attempts per member per hour, failed ones included: each may cost a request to arXiv. */
export const SUBMIT_RATE = { limit: 30, windowSeconds: 3600, message: 'you are submitting very fast; please wait a while before trying again' };

export interface Submission {
  paperId: string;
  day: string;
  /** The first comment, when the submission carried one. */
  commentId: number | null;
}

const MS_PER_DAY = 86_400_000;

/** The paper id a member typed or pasted, or a 400 that says what is accepted. */
export function parseSubmittedRef(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const ref = text ? parseArxivRef(text) : null;
  if (!ref) {
    const shown = text ? `"${text.slice(0, 80)}" is not an arXiv id or link` : 'no paper given';
    throw badRequest(`${shown}: give an id like 2508.01234 or hep-th/9901001, or an arxiv.org/abs/… or arxiv.org/pdf/… link`);
  }
  return ref.id;
}

async function checkListable(db: Db, paperId: string): Promise<void> {
  if ((await getPaper(db, paperId))?.hidden) throw forbidden(`arXiv:${paperId} was removed by the moderators and cannot be submitted`);
  const day = await listedDay(db, paperId);
  if (day) throw conflict(`arXiv:${paperId} is already on the daily list of ${day}; a paper is listed only once`);
}

async function checkQuota(db: Db, config: Config, userId: number, now: Date): Promise<void> {
  const today = dayString(now);
  const count = await submissionsOn(db, userId, today);
  if (count >= config.submitDailyQuota) {
    const midnight = Date.parse(`${addDays(today, 1)}T00:00:00Z`);
    throw tooMany(
      `you have submitted ${count} papers today, the most allowed per day; you can submit again after midnight UTC`,
      (midnight - now.getTime()) / 1000,
    );
  }
}

function checkAge(config: Config, paperId: string, publishedAt: string | null | undefined, now: Date): void {
  if (!config.submitMaxAgeDays || !publishedAt) return;
  const ageDays = (now.getTime() - Date.parse(publishedAt)) / MS_PER_DAY;
  if (ageDays > config.submitMaxAgeDays) {
    // 422, not 400: the request is well-formed and the paper exists; the listing rule refuses it.
    throw new AppError(
      422,
      'paper_too_old',
      `arXiv:${paperId} was first published on ${publishedAt.slice(0, 10)}, ${Math.floor(ageDays)} days ago; only papers first published in the last ${config.submitMaxAgeDays} days can be submitted`,
    );
  }
}

/**
 * Fetches the paper from arXiv and lists it for the member, with the optional first comment, in one
 * transaction. Everything that can be checked before asking arXiv is checked first, and again
 * inside the transaction, so a refused submission stores nothing.
 */
export async function submitPaper(
  deps: { db: Db; config: Config },
  member: { id: number; username: string },
  input: { paper: unknown; comment?: unknown },
  now = new Date(),
): Promise<Submission> {
  const { db, config } = deps;
  const paperId = parseSubmittedRef(input.paper);
  const hasComment = input.comment !== undefined && input.comment !== null && !(typeof input.comment === 'string' && !input.comment.trim());
  const comment = hasComment ? checkCommentBody(input.comment) : null;
  await checkListable(db, paperId);
  await checkQuota(db, config, member.id, now);

  let found;
  try {
    found = await fetchArxivPapers(config, [paperId], { budgetMs: config.submitArxivBudgetMs });
  } catch (e) {
    if (e instanceof ArxivUnavailableError) throw badGateway(`arXiv could not be reached (${e.message}); nothing was stored, please try again later`);
    throw e;
  }
  const entry = found.get(paperId);
  if (!entry) throw notFound(`arXiv does not know ${paperId}; check the id (nothing was stored)`);
  checkAge(config, paperId, entry.publishedAt, now);

  return db.tx(async (tx) => {
    await checkListable(tx, paperId);
    await checkQuota(tx, config, member.id, now);
    await upsertPapers(tx, [entry]);
    const { upvotes } = await refreshCounts(tx, paperId);
    const submittedAt = now.toISOString();
    const day = dayString(now);
    const claimed = await claimDailyEntry(tx, { paperId, day, submittedAt, userId: member.id, username: member.username }, hotness(upvotes, submittedAt));
    if (!claimed) {
      // Another submission won the race between the check and the insert: name its day.
      await checkListable(tx, paperId);
      throw conflict(`arXiv:${paperId} was just listed by someone else`);
    }
    const first = comment ? await addComment(tx, { paperId, userId: member.id, body: comment }, now) : null;
    return { paperId, day, commentId: first?.id ?? null };
  });
}
