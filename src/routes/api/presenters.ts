// The public JSON shapes, as Hugging Face's /api/daily_papers and /api/papers/ID have them.
// Optional fields we do not know are omitted, not null, as Hugging Face does; the ones its clients
// require (an item's `submittedBy` and `publishedAt`) are always there.
import { createHash } from 'node:crypto';
import { UNKNOWN_SUBMITTER, type ImportedSubmitter, type ListedPaper, type Paper } from '../../domain/paper.ts';

/** A stable 24-hex id, shaped like Hugging Face's ids, for things we create ourselves. */
export function objectId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 24);
}

function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

/**
 * Who put a listed paper on its day, in Hugging Face's user shape: the imported profile, a member,
 * or, when the source did not say (the demo corpus, the paperboy format), a stand-in named
 * UNKNOWN_SUBMITTER, which `?submitter=` also finds. Hugging Face always sends this object.
 */
function submitterOf(d: ListedPaper['daily'], baseUrl: string) {
  const imported: ImportedSubmitter | null = d.importedSubmitter;
  const name = String(d.submitterUsername ?? imported?.user ?? imported?.name ?? '') || UNKNOWN_SUBMITTER;
  const known = name !== UNKNOWN_SUBMITTER;
  return {
    _id: (imported?._id as string | undefined) ?? objectId(`user:${name}`),
    avatarUrl: (imported?.avatarUrl as string | undefined) ?? `${baseUrl}/static/favicon.svg`,
    fullname: (imported?.fullname as string | undefined) ?? (known ? name : 'Unknown submitter'),
    name,
    type: 'user',
    isPro: (imported?.isPro as boolean | undefined) ?? false,
  };
}

export function presentPaper(p: Paper, baseUrl: string) {
  const submitter = p.daily ? submitterOf(p.daily, baseUrl) : undefined;
  return defined({
    id: p.id,
    authors: p.authors.map((a, i) => ({ _id: a._id ?? objectId(`author:${p.id}:${i}`), name: a.name, hidden: false })),
    publishedAt: p.publishedAt ?? p.daily?.submittedAt,
    submittedOnDailyAt: p.daily?.submittedAt,
    title: p.title,
    submittedOnDailyBy: submitter && { ...submitter, user: submitter.name },
    summary: p.abstract ?? '',
    upvotes: p.upvotes,
    discussionId: p.discussionId ?? objectId(`discussion:${p.id}`),
    projectPage: p.projectPage ?? undefined,
    githubRepo: p.githubUrl ?? undefined,
    ai_summary: p.aiSummary ?? undefined,
    ai_keywords: p.aiKeywords ?? undefined,
  });
}

export function presentDailyPaper(p: ListedPaper, baseUrl: string) {
  const paper = presentPaper(p, baseUrl);
  return {
    paper,
    // Hugging Face's own value when imported (it is the arXiv time, not the listing time); else the paper's.
    publishedAt: p.daily.itemPublishedAt ?? paper.publishedAt,
    title: p.title,
    summary: paper.summary,
    thumbnail: p.thumbnail ?? `${baseUrl}/papers/${p.id}/thumbnail.svg`,
    numComments: p.numComments,
    submittedBy: submitterOf(p.daily, baseUrl),
    isAuthorParticipating: p.daily.authorParticipating ?? false,
  };
}
