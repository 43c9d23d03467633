// GET /papers/for-you (a member's recommendations from the last week's lists) and its JSON twin,
// GET /api/papers/for-you, which answers in the daily-paper items of /api/daily_papers.
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { recentPapers, recommendFor } from '../../search/recommend-member.ts';
import { forYouPage, forYouSignedOutPage } from '../../views/for-you-page.ts';
import { requireViewer } from '../auth.ts';
import { parseQuery } from '../api/daily-papers.ts';
import { addApiPaths, errorResponse, jsonBody, queryParam, ref } from '../api/openapi.ts';
import { presentDailyPaper } from '../api/presenters.ts';
import { viewerVotes } from './viewer-votes.ts';

/** What the page shows: enough for a week's reading, not the whole week. */
const PAGE_SIZE = 30;
const API_MAX = 100;

const apiQuery = z.object({
  limit: z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, `limit must be between 1 and ${API_MAX}`).max(API_MAX, `limit must be between 1 and ${API_MAX}`).default(PAGE_SIZE),
});

addApiPaths(
  {
    '/api/papers/for-you': {
      get: {
        summary: 'Papers recommended for the caller',
        description:
          'The papers of the last seven days of lists ranked for the account the token (or session) belongs to: by closeness to the papers it upvoted most recently, in meaning and in words, with a little weight on the community\'s votes; papers it upvoted are left out. An account with no upvotes gets the week\'s most upvoted papers (`recommendation.basis` is `trending`). Items are daily-paper items, as `/api/daily_papers` has them, with a `recommendation` field.',
        security: [{ bearer: [] }],
        parameters: [queryParam('limit', { type: 'integer', minimum: 1, maximum: API_MAX, default: PAGE_SIZE }, 'Items to return')],
        responses: { 200: jsonBody({ type: 'array', items: ref('RecommendedPaper') }), 400: errorResponse('A bad limit'), 401: errorResponse('No valid token or session') },
      },
    },
  },
  {
    RecommendedPaper: {
      allOf: [
        ref('DailyPaper'),
        {
          type: 'object',
          required: ['recommendation'],
          properties: {
            recommendation: {
              type: 'object',
              required: ['basis', 'score', 'close'],
              properties: {
                basis: { enum: ['votes', 'trending'], description: 'votes: ranked for the caller\'s upvotes; trending: the caller has none yet' },
                score: { type: 'number', description: 'Higher is a better match; comparable within one answer only' },
                because: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } }, description: 'The upvoted paper this one is most like' },
                close: { type: 'boolean', description: 'Close enough to the upvoted papers for a personal digest (which leaves the others out); false with basis trending' },
              },
            },
          },
        },
      ],
    },
  },
);

export function forYouRoutes(app: App, { db, config }: AppDeps): void {
  app.get('/papers/for-you', async (c) => {
    const viewer = c.get('viewer');
    c.header('Cache-Control', viewer ? 'private, no-store' : 'no-cache');
    if (!viewer) return c.html(forYouSignedOutPage(c.get('csrf')).value);
    const week = await recentPapers(db);
    const recommendations = week ? await recommendFor(db, viewer.id, week.papers, PAGE_SIZE) : null;
    const { csrf, voted } = await viewerVotes(c, db, recommendations?.items.map((r) => r.paper) ?? []);
    return c.html(forYouPage({ viewer, csrf, voted, week: week && { from: week.from, to: week.to, papers: week.papers.length }, recommendations }).value);
  });

  app.get('/api/papers/for-you', async (c) => {
    const viewer = requireViewer(c);
    const { limit } = parseQuery(apiQuery, c.req.query());
    c.header('Cache-Control', 'private, no-store');
    const week = await recentPapers(db);
    if (!week) return c.json([]);
    const r = await recommendFor(db, viewer.id, week.papers, limit);
    return c.json(r.items.map((item) => ({ ...presentDailyPaper(item.paper, config.baseUrl), recommendation: { basis: r.basis, score: +item.score.toFixed(4), ...(item.because ? { because: item.because } : {}), close: item.close } })));
  });
}
