// /u/USERNAME: a member's public page (submissions, upvotes, comments). Hidden papers and comments
// are left out; a suspended member's page stays, marked as such for administrators.
import type { App, AppDeps } from '../../app.ts';
import { commentsByUser } from '../../db/comments.ts';
import { activityCounts, papersSubmittedBy, papersUpvotedBy } from '../../db/user-activity.ts';
import { userByName } from '../../db/users.ts';
import { badRequest, notFound } from '../../errors.ts';
import { renderMarkdown } from '../../views/markdown.ts';
import { pageParam } from '../query-params.ts';
import { userPage, type UserTab } from '../../views/user-page.ts';

const PAGE_SIZE = 30;
const TABS = new Set<UserTab>(['submissions', 'upvotes', 'comments']);

export function userRoutes(app: App, { db }: AppDeps): void {
  app.get('/u/:username', async (c) => {
    const name = c.req.param('username');
    const user = /^[A-Za-z0-9_-]{1,64}$/.test(name) ? await userByName(db, name) : null;
    if (!user) throw notFound(`there is no member called ${name.slice(0, 64)}`);
    if (user.username !== name) return c.redirect(`/u/${user.username}${new URL(c.req.url).search}`, 301);

    const tab = (c.req.query('tab') ?? 'submissions') as UserTab;
    if (!TABS.has(tab)) throw badRequest('tab must be submissions, upvotes or comments');
    const page = pageParam(c.req.query('page'));
    const offset = (page - 1) * PAGE_SIZE;

    const papers =
      tab === 'submissions' ? await papersSubmittedBy(db, user.id, PAGE_SIZE + 1, offset)
      : tab === 'upvotes' ? await papersUpvotedBy(db, user.id, PAGE_SIZE + 1, offset)
      : [];
    const comments = tab === 'comments' ? await commentsByUser(db, user.id, PAGE_SIZE + 1, offset) : [];
    const more = papers.length > PAGE_SIZE || comments.length > PAGE_SIZE;
    const href = (n: number) => `/u/${user.username}?${tab === 'submissions' ? '' : `tab=${tab}&`}page=${n}`;

    return c.html(
      userPage({
        viewer: c.get('viewer'),
        user,
        counts: await activityCounts(db, user.id),
        tab,
        papers: papers.slice(0, PAGE_SIZE),
        comments: comments.slice(0, PAGE_SIZE).map((cm) => ({ id: cm.id, paperId: cm.paperId, paperTitle: cm.paperTitle, createdAt: cm.createdAt, body: renderMarkdown(cm.body) })),
        pages: { prev: page > 1 ? href(page - 1) : null, next: more ? href(page + 1) : null },
      }).value,
    );
  });
}
