// The route table. Order matters where patterns overlap: fixed paths before /papers/:id.
import type { App, AppDeps } from '../app.ts';
import { commentApiRoutes } from './api/comments.ts';
import { dailyPaperApiRoutes } from './api/daily-papers.ts';
import { searchApiRoutes } from './api/search.ts';
import { openApiRoutes } from './api/openapi.ts';
import { submitApiRoutes } from './api/submit.ts';
import { subscriptionApiRoutes } from './api/subscriptions.ts';
import { voteApiRoutes } from './api/votes.ts';
import { whoamiRoutes } from './api/whoami.ts';
import { feedRoutes } from './feeds.ts';
// Before the comment section's module, so that similar papers sit above the comments on a paper page.
import { searchRoutes } from './pages/search.ts';
import { healthRoutes } from './health.ts';
import { adminRoutes } from './pages/admin.ts';
import { userRoutes } from './pages/user.ts';
import { accountRoutes } from './pages/account.ts';
import { commentFormRoutes } from './pages/comments.ts';
import { settingsRoutes } from './pages/settings.ts';
import { listRoutes } from './pages/lists.ts';
import { forYouRoutes } from './pages/for-you.ts';
import { paperRoutes } from './pages/paper.ts';
import { submitRoutes } from './pages/submit.ts';
import { subscribeRoutes } from './pages/subscribe.ts';
import { mailAdminRoutes } from './pages/mail-admin.ts';
import { digestSettingsRoutes } from './pages/digest-settings.ts';
import { thumbnailRoutes } from './pages/thumbnail.ts';
import { voteFormRoutes } from './pages/vote-forms.ts';
import { staticRoutes } from './static.ts';

export function registerRoutes(app: App, deps: AppDeps): void {
  staticRoutes(app);
  healthRoutes(app, deps);
  accountRoutes(app, deps);
  settingsRoutes(app, deps);
  userRoutes(app, deps);
  adminRoutes(app, deps);
  feedRoutes(app, deps);
  listRoutes(app, deps);
  forYouRoutes(app, deps);
  searchRoutes(app, deps);
  thumbnailRoutes(app, deps);
  paperRoutes(app, deps);
  submitRoutes(app, deps);
  subscribeRoutes(app, deps);
  mailAdminRoutes(app, deps);
  digestSettingsRoutes(app, deps);
  voteFormRoutes(app, deps);
  commentFormRoutes(app, deps);
  openApiRoutes(app);
  searchApiRoutes(app, deps);
  dailyPaperApiRoutes(app, deps);
  submitApiRoutes(app, deps);
  subscriptionApiRoutes(app, deps);
  voteApiRoutes(app, deps);
  commentApiRoutes(app, deps);
  whoamiRoutes(app);
}
