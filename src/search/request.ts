// The search parameters the page, the API and the feed share, validated: q (1–250 characters),
// filters, sort, limit and page. Bad values become one clear message naming the parameter.
import { z } from 'zod';
import { parseDay } from '../domain/dates.ts';
import { wholeNumber } from '../routes/query-params.ts';
import type { SearchFilters } from '../db/search.ts';
import type { SearchSort } from './engine.ts';
import { MAX_QUERY_LENGTH } from './query.ts';

const flag = z.enum(['1', '0', 'true', 'false', 'on', 'yes', 'no', '']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));
const day = (name: string) => z.string().refine((s) => s === '' || parseDay(s) !== null, `${name} must be a date, YYYY-MM-DD`).optional();

export const searchParams = z.object({
  q: z.string({ message: 'q is required' }).trim()
    .min(1, 'q must not be empty')
    .max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`),
  limit: wholeNumber('limit', 1, 100).default(20),
  p: wholeNumber('p', 0, 50).default(0),
  from: day('from'),
  to: day('to'),
  category: z.string().trim().max(40, 'category is at most 40 characters').regex(/^([a-zA-Z-]+(\.[a-zA-Z-]+)?)?$/, 'category looks like cs.LG').optional(),
  has_code: flag.optional(),
  // An empty field (the form's default) is no filter; anything else must be a count, said as such (a union would say "Invalid input").
  min_upvotes: z.preprocess(
    (v) => (v === '' ? undefined : v),
    wholeNumber('min_upvotes', 0, 1_000_000).optional(),
  ),
  listed: z.enum(['', 'any', 'yes', 'no'], { message: 'listed must be yes, no or any' }).optional(),
  sort: z.enum(['relevance', 'newest', 'upvotes'], { message: 'sort must be relevance, newest or upvotes' }).default('relevance'),
}).superRefine((p, ctx) => {
  // A reversed range matches nothing; the likelier story is swapped fields, so say so rather than show no results.
  if (p.from && p.to && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `from must not be after to: ${p.from} is after ${p.to}` });
});

export type SearchParams = z.output<typeof searchParams>;

export function filtersOf(p: SearchParams): SearchFilters {
  const f: SearchFilters = {};
  if (p.from) f.from = parseDay(p.from)!;
  if (p.to) f.to = parseDay(p.to)!;
  if (p.category) f.category = p.category;
  if (p.has_code) f.hasCode = true;
  if (typeof p.min_upvotes === 'number' && p.min_upvotes > 0) f.minUpvotes = p.min_upvotes;
  if (p.listed === 'yes') f.listed = true;
  if (p.listed === 'no') f.listed = false;
  return f;
}

export function sortOf(p: SearchParams): SearchSort {
  return p.sort;
}

/** The query string for a search (for feed links and pages), without defaults. */
export function searchQueryString(p: Partial<SearchParams>, overrides: Record<string, string | number | undefined> = {}): string {
  const out = new URLSearchParams();
  const all: Record<string, unknown> = { ...p, ...overrides };
  for (const key of ['q', 'from', 'to', 'category', 'has_code', 'min_upvotes', 'listed', 'sort', 'p']) {
    const v = all[key];
    if (v === undefined || v === '' || v === false || (key === 'sort' && v === 'relevance') || (key === 'p' && v === 0) || (key === 'listed' && v === 'any')) continue;
    out.set(key, v === true ? '1' : String(v));
  }
  return out.toString();
}
