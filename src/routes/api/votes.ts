// POST / DELETE /api/papers/ID/upvote: idempotent, answers the paper's count and the caller's vote.
import type { App, AppDeps } from '../../app.ts';
import { setUpvote, VOTE_RATE } from '../../domain/votes.ts';
import { requireViewer } from '../auth.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { addApiPaths, errorResponse, jsonBody, pathId } from './openapi.ts';
import { onPaper } from './paper-path.ts';

const voteResponse = jsonBody({
  type: 'object',
  required: ['upvotes', 'upvoted'],
  properties: { upvotes: { type: 'integer', description: 'The paper\'s count after the call' }, upvoted: { type: 'boolean', description: 'Whether the caller now upvotes it' } },
});
const voteErrors = {
  400: errorResponse('Not an arXiv id'),
  401: errorResponse('No valid token or session'),
  403: errorResponse('Cross-site request or missing CSRF token (browser sessions only)'),
  404: errorResponse('The paper is not on paperboy'),
  429: errorResponse('Too many votes; see Retry-After'),
};

addApiPaths({
  '/api/papers/{id}/upvote': {
    post: {
      summary: 'Upvote a paper',
      description: 'Idempotent: upvoting twice counts once. With a Bearer token, or a browser session plus the `X-CSRF-Token` header.',
      security: [{ bearer: [] }],
      parameters: [pathId],
      responses: { 200: voteResponse, ...voteErrors },
    },
    delete: {
      summary: 'Take an upvote back',
      description: 'Idempotent: taking back a vote that is not there changes nothing.',
      security: [{ bearer: [] }],
      parameters: [pathId],
      responses: { 200: voteResponse, ...voteErrors },
    },
  },
});

export function voteApiRoutes(app: App, { db }: AppDeps): void {
  for (const [method, upvoted] of [['post', true], ['delete', false]] as const) {
    onPaper(app, method, '/upvote', async (c, paperId) => {
      const viewer = requireViewer(c);
      await rateLimit(c, `vote:${viewer.id}`, VOTE_RATE.limit, VOTE_RATE.windowSeconds, VOTE_RATE.message);
      return c.json(await setUpvote(db, viewer.id, paperId, upvoted));
    });
  }
}
