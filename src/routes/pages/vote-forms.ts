// Voting without JavaScript: the vote button is a form posting here, which records the vote and
// sends the browser back (public/community.js calls the JSON API instead).
import type { App, AppDeps } from '../../app.ts';
import { setUpvote, VOTE_RATE } from '../../domain/votes.ts';
import { badRequest } from '../../errors.ts';
import { setVoteWidget } from '../../views/paper-card.ts';
import { voteControl } from '../../views/votes.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { backTo, loginUrl } from './back.ts';
import { field, onPaperForm } from './paper-forms.ts';

setVoteWidget(voteControl);

export function voteFormRoutes(app: App, { db, config }: AppDeps): void {
  onPaperForm(app, '/upvote', async (c, paperId) => {
    const back = backTo(c, config.baseUrl, `/papers/${paperId}`);
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl(back), 303);
    const choice = field(await c.req.parseBody(), 'vote');
    if (choice !== 'up' && choice !== 'down') throw badRequest('vote must be "up" or "down"');
    await rateLimit(c, `vote:${viewer.id}`, VOTE_RATE.limit, VOTE_RATE.windowSeconds, VOTE_RATE.message);
    await setUpvote(db, viewer.id, paperId, choice === 'up');
    return c.redirect(back, 303);
  });
}
