// GET /api/daily_papers and GET /api/papers/ID, as Hugging Face serves them.
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { getPaper, listPapers } from '../../db/daily.ts';
import { arxivIdProblem, parseArxivRef } from '../../domain/arxiv-id.ts';
import { parseDay, parseMonth, parseWeek } from '../../domain/dates.ts';
import { badRequest, notFound } from '../../errors.ts';
import { parseQuery, wholeNumber } from '../query-params.ts';
import { presentDailyPaper, presentPaper } from './presenters.ts';

export const dailyPapersQuery = z.object({
  date: z.string().refine((s) => parseDay(s) !== null, 'date must be a calendar date, YYYY-MM-DD').optional(),
  week: z.string().refine((s) => parseWeek(s) !== null, 'week must be an ISO week, YYYY-Www').optional(),
  month: z.string().refine((s) => parseMonth(s) !== null, 'month must be YYYY-MM').optional(),
  p: wholeNumber('p', 0, 100_000).default(0),
  limit: wholeNumber('limit', 1, 100).default(50),
  submitter: z.string().max(100).optional(),
  sort: z.enum(['publishedAt', 'trending'], { message: 'sort must be publishedAt or trending' }).default('publishedAt'),
});

// Kept here for the modules that import it from this file; it lives with the other parameter rules.
export { parseQuery };

export function dailyPaperApiRoutes(app: App, { db, config }: AppDeps): void {
  app.get('/api/daily_papers', async (c) => {
    const q = parseQuery(dailyPapersQuery, c.req.query());
    if ([q.date, q.week, q.month].filter(Boolean).length > 1) throw badRequest('give at most one of date, week and month');
    const period = q.date ? { from: q.date, to: q.date } : q.week ? parseWeek(q.week)! : q.month ? parseMonth(q.month)! : null;
    const rows = await listPapers(db, {
      from: period?.from,
      to: period?.to,
      submitter: q.submitter,
      order: q.sort === 'trending' ? 'trending' : period ? 'upvotes' : 'newest',
      limit: q.limit + 1,
      offset: q.p * q.limit,
    });
    if (rows.length > q.limit) {
      const next = new URL(`${config.baseUrl}/api/daily_papers`);
      for (const [k, v] of Object.entries(c.req.query())) next.searchParams.set(k, v);
      next.searchParams.set('p', String(q.p + 1));
      next.searchParams.set('limit', String(q.limit));
      c.header('Link', `<${next.toString()}>; rel="next"`);
    }
    return c.json(rows.slice(0, q.limit).map((p) => presentDailyPaper(p, config.baseUrl)));
  });

  const paperById = async (rawId: string) => {
    const ref = parseArxivRef(rawId);
    if (!ref) throw badRequest(arxivIdProblem(rawId));
    const paper = await getPaper(db, ref.id);
    if (!paper || paper.hidden) throw notFound(`paper ${ref.id} is not on paperboy`);
    return paper;
  };
  app.get('/api/papers/:id{[^/]+}', async (c) => c.json(presentPaper(await paperById(c.req.param('id')), config.baseUrl)));
  app.get('/api/papers/:archive{[a-z-]+(?:\\.[A-Z]{2})?}/:number{[0-9]{7}(?:v[0-9]+)?}', async (c) =>
    c.json(presentPaper(await paperById(`${c.req.param('archive')}/${c.req.param('number')}`), config.baseUrl)),
  );
}
