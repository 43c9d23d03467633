// The public JSON shapes, as Hugging Face's /api/daily_papers and /api/papers/ID have them.
// Optional fields we do not know are omitted, not null, as Hugging Face does (it never sends null);
// the ones it always sends are always there, with Hugging Face's own "none" (false) where we know nothing.
import { createHash } from 'node:crypto';
import { UNKNOWN_SUBMITTER, type Author, type ImportedSubmitter, type ListedPaper, type Paper } from '../../domain/paper.ts';

/** A stable 24-hex id, shaped like Hugging Face's ids, for things we create ourselves. */
export function objectId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 24);
}

function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : false);

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
    _id: text(imported?._id) ?? objectId(`user:${name}`),
    avatarUrl: text(imported?.avatarUrl) ?? `${baseUrl}/static/favicon.svg`,
    fullname: text(imported?.fullname) ?? (known ? name : 'Unknown submitter'),
    name,
    type: 'user',
    isPro: flag(imported?.isPro),
    imported,
  };
}

/**
 * An item's `submittedBy`: the profile plus Hugging Face's staff flags (as imported; a member or an
 * unknown submitter is no Hugging Face staff: false), the follower count when imported (Hugging Face
 * leaves it out when there is none), and `isUserFollowing`, always false: nobody follows anyone here.
 */
function submittedBy(d: ListedPaper['daily'], baseUrl: string) {
  const { imported, ...user } = submitterOf(d, baseUrl);
  const followers = imported?.followerCount;
  return defined({
    ...user,
    isHf: flag(imported?.isHf),
    isHfAdmin: flag(imported?.isHfAdmin),
    isMod: flag(imported?.isMod),
    followerCount: typeof followers === 'number' ? followers : undefined,
    isUserFollowing: false,
  });
}

/** A paper's `submittedOnDailyBy`, which Hugging Face sends without the staff flags and with `user` beside `name`. */
function submittedOnDailyBy(d: ListedPaper['daily'], baseUrl: string) {
  const { imported: _, ...user } = submitterOf(d, baseUrl);
  return { ...user, user: user.name };
}

/** An author as Hugging Face lists one; the claim (`user`, `status`) only when an account claimed it. */
function presentAuthor(p: Paper, a: Author, i: number) {
  return defined({
    _id: a._id ?? objectId(`author:${p.id}:${i}`),
    name: a.name,
    hidden: false,
    user: a.user,
    status: a.status,
    statusLastChangedAt: a.statusLastChangedAt,
  });
}

export function presentPaper(p: Paper, baseUrl: string) {
  return defined({
    id: p.id,
    authors: p.authors.map((a, i) => presentAuthor(p, a, i)),
    mediaUrls: mediaOf(p),
    publishedAt: p.publishedAt ?? p.daily?.submittedAt,
    submittedOnDailyAt: p.daily?.submittedAt,
    title: p.title,
    submittedOnDailyBy: p.daily ? submittedOnDailyBy(p.daily, baseUrl) : undefined,
    summary: p.abstract ?? '',
    upvotes: p.upvotes,
    discussionId: p.discussionId ?? objectId(`discussion:${p.id}`),
    projectPage: p.projectPage ?? undefined,
    // Stars and who linked the repository go with the repository they describe.
    githubRepo: p.githubUrl ?? undefined,
    githubRepoAddedBy: p.githubUrl ? (p.githubRepoAddedBy ?? undefined) : undefined,
    githubStars: p.githubUrl ? (p.githubStars ?? undefined) : undefined,
    ai_summary: p.aiSummary ?? undefined,
    ai_keywords: p.aiKeywords ?? undefined,
    ai_summary_model: p.aiSummary ? (p.aiSummaryModel ?? undefined) : undefined,
    organization: p.organization ?? undefined,
  });
}

/** Hugging Face leaves `mediaUrls` out when there is none, never `[]`. */
const mediaOf = (p: Paper) => (p.mediaUrls?.length ? p.mediaUrls : undefined);

export function presentDailyPaper(p: ListedPaper, baseUrl: string) {
  const paper = presentPaper(p, baseUrl);
  return defined({
    paper,
    // Hugging Face's own value when imported (it is the arXiv time, not the listing time); else the paper's.
    publishedAt: p.daily.itemPublishedAt ?? paper.publishedAt,
    title: p.title,
    summary: paper.summary,
    // Hugging Face repeats the paper's media and organization on its item.
    mediaUrls: mediaOf(p),
    thumbnail: p.thumbnail ?? `${baseUrl}/papers/${p.id}/thumbnail.svg`,
    numComments: p.numComments,
    submittedBy: submittedBy(p.daily, baseUrl),
    organization: p.organization ?? undefined,
    isAuthorParticipating: p.daily.authorParticipating ?? false,
  });
}
