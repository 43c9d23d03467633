// Import formats: recognising a file by its first bytes and turning each record into a PaperInput.
// Each parser throws RecordError with a message that says what is wrong; the importer adds where.
import { z } from 'zod';
import { parseArxivRef } from '../domain/arxiv-id.ts';
import { parseDay } from '../domain/dates.ts';
import type { Author, PaperInput } from '../domain/paper.ts';

export const FORMATS = ['hf-api', 'paperboy', 'arxiv', 'beir', 'dump'] as const;
export type Format = (typeof FORMATS)[number];

export class RecordError extends Error {}

/** Guesses the format from the start of the (decompressed) file; null when it is none we know. */
export function detectFormat(head: string): Format | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return 'arxiv';
  if (text.startsWith('[')) return 'hf-api';
  if (!text.startsWith('{')) return null;
  const firstLine = text.split('\n', 1)[0]!;
  let keys: string;
  try {
    keys = Object.keys(JSON.parse(firstLine)).join(',');
  } catch {
    // A first line cut short: judge by the keys it starts with.
    keys = firstLine.slice(0, 200);
  }
  if (/^\{"type":\s*"paperboy-dump"/.test(firstLine)) return 'dump'; // `paperboy dump` (ingest/dump-format.ts)
  if (/(^|[,"])arxiv_id\b/.test(keys)) return 'paperboy';
  if (/(^|[,"])paper\b/.test(keys)) return 'hf-api';
  if (/(^|[,"])_id\b/.test(keys)) return 'beir';
  return null;
}

/** What a JSON value is, in words: "a number", "a list", "null". */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = { array: 'a list', object: 'an object', int: 'a whole number' };

/** The schema's complaints in a reader's words: `the record has no "title"`, `"authors.0" must be a string (it is a number)`. */
function describe(error: z.ZodError, record: unknown, what: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.');
      let value: unknown = record;
      for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key as PropertyKey];
      if (!path) return `each ${what} must be a JSON object, not ${kind(value)}`;
      // Missing whatever the rule (a field that may be a string or a number reports a union, not a type).
      if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && (value === undefined || value === null)) return `the ${what} has no "${path}"`;
      const types = issue.code === 'invalid_type' ? [issue.expected] : issue.code === 'invalid_union' ? unionTypes(issue.errors) : [];
      if (!types.length) return `"${path}" ${issue.message}`;
      return `"${path}" must be ${types.map((t) => EXPECTED[t] ?? `a ${t}`).join(' or ')} (it is ${kind(value)})`;
    })
    .join('; ');
}

/** The types a union accepts, from its branches' own type complaints; empty if a branch failed otherwise. */
function unionTypes(branches: z.core.$ZodIssue[][]): string[] {
  const types = branches.map((b) => (b.length === 1 && b[0]!.code === 'invalid_type' && !b[0]!.path.length ? b[0]!.expected : null));
  return types.every((t) => t !== null) ? (types as string[]) : [];
}

function arxivId(value: string): { id: string; version?: number } {
  const ref = parseArxivRef(value);
  if (!ref) throw new RecordError(`"${value.slice(0, 40)}" is not an arXiv id`);
  return ref;
}

/** A date or timestamp as an ISO-8601 UTC timestamp. */
function timestamp(value: string, field: string): string {
  const day = parseDay(value);
  if (day) return `${day}T00:00:00.000Z`;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new RecordError(`${field}: "${value.slice(0, 40)}" is not a date`);
  return new Date(ms).toISOString();
}

function day(value: string, field: string): string {
  const d = parseDay(value.slice(0, 10));
  if (!d) throw new RecordError(`${field}: "${value.slice(0, 40)}" is not a calendar date`);
  return d;
}

const count = z.number().int().min(0, 'must be a whole number, 0 or more').nullish();
const url = z.string().url().nullish().catch(null);

const paperboyLine = z.object({
  arxiv_id: z.string(),
  title: z.string().trim().min(1, 'is empty'),
  abstract: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  categories: z.array(z.string()).nullish(),
  published_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  daily_date: z.string().nullish(),
  upvotes: count,
  github_url: url,
  project_page: url,
  num_comments: count,
  comment: z.string().nullish(),
});

export function parsePaperboy(record: unknown): PaperInput {
  const parsed = paperboyLine.safeParse(record);
  if (!parsed.success) throw new RecordError(describe(parsed.error, record, 'record'));
  const r = parsed.data;
  const ref = arxivId(r.arxiv_id);
  const dailyDay = r.daily_date ? day(r.daily_date, 'daily_date') : null;
  return {
    id: ref.id,
    version: ref.version,
    title: r.title,
    abstract: r.abstract ?? null,
    authors: (r.authors ?? []).map((name) => ({ name })),
    categories: r.categories ?? [],
    publishedAt: r.published_at ? timestamp(r.published_at, 'published_at') : null,
    updatedAt: r.updated_at ? timestamp(r.updated_at, 'updated_at') : null,
    comment: r.comment ?? null,
    githubUrl: r.github_url ?? null,
    projectPage: r.project_page ?? null,
    upvotes: r.upvotes ?? null,
    numComments: r.num_comments ?? null,
    daily: dailyDay ? { day: dailyDay, submittedAt: `${dailyDay}T00:00:00.000Z` } : null,
  };
}

const hfUser = z.record(z.string(), z.unknown());
// Decoration, not the paper: a malformed value is dropped rather than refusing the paper.
const hfOrganization = z.looseObject({ _id: z.string(), name: z.string() }).nullish().catch(null);
const hfMedia = z.array(z.string()).nullish().catch(null);
const hfAuthor = z.object({
  name: z.string(),
  _id: z.string().optional(),
  // The Hugging Face account that claimed the authorship (absent when none did).
  user: hfUser.optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  statusLastChangedAt: z.string().optional().catch(undefined),
});
const hfItem = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string().trim().min(1, 'is empty'),
    summary: z.string().nullish(),
    authors: z.array(hfAuthor).nullish(),
    publishedAt: z.string().nullish(),
    submittedOnDailyAt: z.string().nullish(),
    submittedOnDailyBy: hfUser.nullish(),
    upvotes: count,
    discussionId: z.string().nullish(),
    githubRepo: url,
    projectPage: url,
    ai_summary: z.string().nullish(),
    ai_keywords: z.array(z.string()).nullish(),
    ai_summary_model: z.string().nullish().catch(null),
    githubStars: count,
    githubRepoAddedBy: z.string().nullish().catch(null),
    organization: hfOrganization,
    mediaUrls: hfMedia,
  }),
  organization: hfOrganization,
  mediaUrls: hfMedia,
  publishedAt: z.string().nullish(),
  thumbnail: url,
  numComments: count,
  submittedBy: hfUser.nullish(),
  isAuthorParticipating: z.boolean().nullish(),
});

/** An author as stored: name, Hugging Face's id and, when an account claimed it, the claim. */
function hfAuthorOf(a: z.infer<typeof hfAuthor>): Author {
  const author: Author = { name: a.name };
  if (a._id) author._id = a._id;
  if (a.user) author.user = a.user;
  if (a.status) author.status = a.status;
  if (a.statusLastChangedAt) author.statusLastChangedAt = a.statusLastChangedAt;
  return author;
}

export function parseHfItem(record: unknown): PaperInput {
  const parsed = hfItem.safeParse(record);
  if (!parsed.success) throw new RecordError(describe(parsed.error, record, 'item'));
  const { paper, ...item } = parsed.data;
  const ref = arxivId(paper.id);
  const listedAt = paper.submittedOnDailyAt ?? item.publishedAt;
  const submitter = paper.submittedOnDailyBy || item.submittedBy ? { ...paper.submittedOnDailyBy, ...item.submittedBy } : null;
  return {
    id: ref.id,
    version: ref.version,
    title: paper.title,
    abstract: paper.summary ?? null,
    authors: (paper.authors ?? []).map(hfAuthorOf),
    publishedAt: paper.publishedAt ? timestamp(paper.publishedAt, 'paper.publishedAt') : null,
    githubUrl: paper.githubRepo ?? null,
    projectPage: paper.projectPage ?? null,
    thumbnail: item.thumbnail ?? null,
    aiSummary: paper.ai_summary ?? null,
    aiKeywords: paper.ai_keywords ?? null,
    aiSummaryModel: paper.ai_summary ? (paper.ai_summary_model ?? null) : null,
    githubStars: paper.githubRepo ? (paper.githubStars ?? null) : null,
    githubRepoAddedBy: paper.githubRepo ? (paper.githubRepoAddedBy ?? null) : null,
    // Hugging Face sends the same organization and media on the paper and on its item.
    organization: paper.organization ?? item.organization ?? null,
    mediaUrls: paper.mediaUrls ?? item.mediaUrls ?? null,
    discussionId: paper.discussionId ?? null,
    upvotes: paper.upvotes ?? null,
    numComments: item.numComments ?? null,
    daily: listedAt
      ? {
          day: day(listedAt, 'paper.submittedOnDailyAt'),
          submittedAt: timestamp(listedAt, 'paper.submittedOnDailyAt'),
          submitter,
          itemPublishedAt: item.publishedAt ? timestamp(item.publishedAt, 'publishedAt') : null,
          authorParticipating: item.isAuthorParticipating ?? null,
        }
      : null,
  };
}

/**
 * Why a BEIR document with another kind of id cannot become a paper: every paper is keyed by its
 * arXiv id and its page links to arXiv (abstract, PDF, BibTeX); `search-run` ranks any corpus instead.
 */
export const BEIR_ID_HINT =
  'the site keys papers by arXiv id (paper pages link to arXiv, its PDF and BibTeX), so a BEIR corpus imports only when its "_id"s are arXiv ids; ' +
  'to evaluate search on any BEIR corpus (SciFact, …) use `paperboy search-run --corpus FILE --queries FILE --out RUN`';

const beirLine = z.object({ _id: z.union([z.string(), z.number()]), title: z.string().nullish(), text: z.string().nullish() });

/** A BEIR corpus line (`_id, title, text`) whose `_id` is an arXiv id: a paper with its title and abstract. */
export function parseBeir(record: unknown): PaperInput {
  const parsed = beirLine.safeParse(record);
  if (!parsed.success) throw new RecordError(describe(parsed.error, record, 'document'));
  const { _id, title, text } = parsed.data;
  const ref = parseArxivRef(String(_id));
  if (!ref) throw new RecordError(`"_id" ${JSON.stringify(String(_id).slice(0, 40))} is not an arXiv id: ${BEIR_ID_HINT}`);
  if (!title?.trim()) throw new RecordError(`document ${ref.id} has no "title"; a paper needs one`);
  return { id: ref.id, version: ref.version, title: title.trim(), abstract: text?.trim() || null };
}
