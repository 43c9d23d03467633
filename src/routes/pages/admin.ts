// /admin (administrators only): lists for moderation and the actions — hide/unhide a paper or a
// comment, suspend/unsuspend a member. Each action posts, is audited, then redirects back here.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { recentAudit } from '../../db/audit.ts';
import { hiddenPapers, moderatedPaper, recentComments, recentListings } from '../../db/moderation.ts';
import { recentUsers, userByName } from '../../db/users.ts';
import { parseArxivRef } from '../../domain/arxiv-id.ts';
import { hideComment, hidePaper, ModerationError, suspendUser } from '../../domain/moderation.ts';
import { forbidden, notFound } from '../../errors.ts';
import { adminPage, type AdminView } from '../../views/admin-page.ts';
import { requireAdmin } from '../auth.ts';
import { loginUrl } from './back.ts';
import { bareId } from './paper-forms.ts';
import { NEW_ID, OLD_ARCHIVE, OLD_NUMBER } from './paper.ts';

// Messages after an action, by key, so the redirect's query string carries no free text.
const DONE: Record<string, string> = {
  'paper-hidden': 'The paper is hidden.',
  'paper-unhidden': 'The paper is visible again.',
  'comment-hidden': 'The comment is hidden.',
  'comment-unhidden': 'The comment is visible again.',
  'user-suspended': 'The member is suspended and logged out everywhere.',
  'user-unsuspended': 'The member can log in again.',
};

async function act(c: Context<AppEnv>, work: () => Promise<unknown>, done: string) {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof ModerationError)) throw err;
    throw err.kind === 'refused' ? forbidden(err.message) : notFound(err.message);
  }
  // Back to the search the action was taken from, if any (the form's URL carries its q).
  const q = (c.req.query('q') ?? '').trim().slice(0, 80);
  return c.redirect(`/admin?${q ? `q=${encodeURIComponent(q)}&` : ''}done=${done}`, 303);
}

export function adminRoutes(app: App, { db }: AppDeps): void {
  app.get('/admin', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/admin'), 303);
    const viewer = requireAdmin(c);
    const query = (c.req.query('q') ?? '').trim().slice(0, 80);
    let lookup: AdminView['lookup'];
    if (query) {
      const ref = parseArxivRef(query);
      lookup = { query, paper: ref ? await moderatedPaper(db, ref.id) : null, user: /^[A-Za-z0-9_-]{1,64}$/.test(query) ? await userByName(db, query) : null };
    }
    const done = DONE[c.req.query('done') ?? ''];
    c.header('Cache-Control', 'no-store');
    return c.html(
      adminPage({
        viewer,
        csrf: c.get('csrf'),
        papers: await recentListings(db, 20),
        hiddenPapers: await hiddenPapers(db, 30),
        comments: await recentComments(db, 30),
        users: await recentUsers(db, 30),
        audit: await recentAudit(db, 50),
        lookup,
        message: done ? { kind: 'ok', text: done } : undefined,
      }).value,
    );
  });

  const paperAction = (hidden: boolean) => async (c: Context<AppEnv>) => {
    const actor = requireAdmin(c);
    const raw = c.req.param('archive') ? `${c.req.param('archive')}/${c.req.param('number')}` : c.req.param('id')!;
    const id = bareId(raw);
    return act(c, () => hidePaper(db, actor, id, hidden), hidden ? 'paper-hidden' : 'paper-unhidden');
  };
  for (const [verb, hidden] of [['hide', true], ['unhide', false]] as const) {
    app.post(`/admin/papers/:id{${NEW_ID}}/${verb}`, paperAction(hidden));
    app.post(`/admin/papers/:archive{${OLD_ARCHIVE}}/:number{${OLD_NUMBER}}/${verb}`, paperAction(hidden));
    app.post(`/admin/comments/:id{[0-9]{1,12}}/${verb}`, (c) => {
      const actor = requireAdmin(c);
      return act(c, () => hideComment(db, actor, Number(c.req.param('id')), hidden), hidden ? 'comment-hidden' : 'comment-unhidden');
    });
  }
  for (const [verb, suspended] of [['suspend', true], ['unsuspend', false]] as const) {
    app.post(`/admin/users/:id{[0-9]{1,12}}/${verb}`, (c) => {
      const actor = requireAdmin(c);
      return act(c, () => suspendUser(db, actor, Number(c.req.param('id')), suspended), suspended ? 'user-suspended' : 'user-unsuspended');
    });
  }
}
