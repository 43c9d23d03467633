// The public JSON shapes, as Hugging Face's /api/daily_papers and /api/papers/ID have them.
// Fields we do not know are omitted, not null, as Hugging Face does.
import { createHash } from 'node:crypto';
import type { ImportedSubmitter, ListedPaper, Paper } from '../../domain/paper.ts';

/** A stable 24-hex id, shaped like Hugging Face's ids, for things we create ourselves. */
export function objectId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 24);
}

function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

function submitterOf(p: Paper) {
  const d = p.daily;
  if (!d) return null;
  const imported: ImportedSubmitter | null = d.importedSubmitter;
  const username = d.submitterUsername ?? imported?.user ?? imported?.name;
  if (!username && !imported) return null;
  const name = String(username ?? '');
  return {
    _id: (imported?._id as string | undefined) ?? objectId(`user:${name}`),
    avatarUrl: imported?.avatarUrl as string | undefined,
    fullname: (imported?.fullname as string | undefined) ?? name,
    name,
    type: 'user',
    isPro: (imported?.isPro as boolean | undefined) ?? false,
  };
}

export function presentPaper(p: Paper) {
  const submitter = submitterOf(p);
  return defined({
    id: p.id,
    authors: p.authors.map((a, i) => ({ _id: a._id ?? objectId(`author:${p.id}:${i}`), name: a.name, hidden: false })),
    publishedAt: p.publishedAt ?? p.daily?.submittedAt,
    submittedOnDailyAt: p.daily?.submittedAt,
    title: p.title,
    submittedOnDailyBy: submitter
      ? defined({ _id: submitter._id, avatarUrl: submitter.avatarUrl, isPro: submitter.isPro, fullname: submitter.fullname, user: submitter.name, type: submitter.type, name: submitter.name })
      : undefined,
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
  const paper = presentPaper(p);
  const submitter = submitterOf(p);
  return defined({
    paper,
    publishedAt: paper.publishedAt,
    title: p.title,
    summary: paper.summary,
    thumbnail: p.thumbnail ?? `${baseUrl}/papers/${p.id}/thumbnail.svg`,
    numComments: p.numComments,
    submittedBy: submitter ? defined({ ...submitter }) : undefined,
    isAuthorParticipating: false,
  });
}
