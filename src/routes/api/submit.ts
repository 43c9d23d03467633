// POST /api/papers/submit {paper_id, comment?}: puts an arXiv paper on today's list, as on Hugging Face.
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { getPaper } from '../../db/daily.ts';
import type { ListedPaper } from '../../domain/paper.ts';
import { submitPaper, SUBMIT_RATE } from '../../domain/submissions.ts';
import { requireViewer } from '../auth.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { jsonInput } from './json-input.ts';
import { addApiPaths, errorResponse, jsonBody, ref } from './openapi.ts';
import { presentDailyPaper } from './presenters.ts';

const submission = z.object({
  paper_id: z.string({ message: 'give the arXiv id (or an arXiv abs/pdf link) as a string' }),
  comment: z.string({ message: 'must be a string' }).nullish(),
});

addApiPaths({
  '/api/papers/submit': {
    post: {
      summary: 'Submit a paper to today\'s daily list',
      description:
        'Fetches the paper\'s metadata from arXiv and lists it on today\'s (UTC) list with you as submitter. `paper_id` is an arXiv id or abs/pdf URL, with or without version. ' +
        'A paper is listed once (409 names the day it was listed); each member may submit a limited number of papers per UTC day (429 with Retry-After until midnight UTC); ' +
        'papers first published longer ago than the configured maximum age are refused with 422, papers the moderators removed with 403. Nothing is stored when arXiv does not know the id (404) or cannot be reached (502).',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['paper_id'],
              properties: { paper_id: { type: 'string', examples: ['2508.01234', 'https://arxiv.org/abs/2508.01234v2'] }, comment: { type: 'string', description: 'Becomes the first comment' } },
            },
          },
        },
      },
      responses: {
        201: jsonBody(ref('DailyPaper'), 'Listed; Location is the paper\'s page'),
        400: errorResponse('Not an arXiv id or link, or a bad comment'),
        401: errorResponse('No valid token or session'),
        403: errorResponse('The moderators removed this paper, or a cross-site request without the CSRF token'),
        404: errorResponse('arXiv does not know this id'),
        409: errorResponse('Already on a daily list'),
        422: errorResponse('First published too long ago'),
        429: errorResponse('Daily quota used up, or too many attempts; see Retry-After'),
        502: errorResponse('arXiv could not be reached'),
      },
    },
  },
});

export function submitApiRoutes(app: App, deps: AppDeps): void {
  app.post('/api/papers/submit', async (c) => {
    const viewer = requireViewer(c);
    const input = await jsonInput(c, submission, '{"paper_id": "2508.01234"}');
    await rateLimit(c, `submit:${viewer.id}`, SUBMIT_RATE.limit, SUBMIT_RATE.windowSeconds, SUBMIT_RATE.message);
    const done = await submitPaper(deps, viewer, { paper: input.paper_id, comment: input.comment });
    const paper = (await getPaper(deps.db, done.paperId)) as ListedPaper;
    c.header('Location', `${deps.config.baseUrl}/papers/${done.paperId}`);
    return c.json(presentDailyPaper(paper, deps.config.baseUrl), 201);
  });
}
