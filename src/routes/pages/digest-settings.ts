// /settings/digest (a member's subscriptions: add, stop) and /settings/digest-preview (their next
// digest rendered as it would be mailed). Linked from /settings by a settings section.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { subscriptionsOfMember, unsubscribeOne, type Subscription } from '../../db/subscriptions.ts';
import { userById, type User } from '../../db/users.ts';
import { AppError, notFound } from '../../errors.ts';
import { previewNext } from '../../mail/preview.ts';
import { PERSONAL_MAX } from '../../mail/personal.ts';
import { requestPersonalDigest, requestSubscription } from '../../mail/subscribe.ts';
import { digestSettingsPage, digestSettingsPanel, previewDocument, previewEmptyPage, previewTextPage, type DigestSettingsView } from '../../views/digest-settings.ts';
import type { SubscribeForm } from '../../views/subscribe.ts';
import { requireViewer } from '../auth.ts';
import { rateLimit, requestIp } from '../middleware/rate-limit.ts';
import { loginUrl } from './back.ts';
import { addSettingsSection } from './settings.ts';
import { SUBSCRIBE_RATE } from './subscribe.ts';

addSettingsSection(async () => digestSettingsPanel());

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function digestSettingsRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  async function member(c: Context<AppEnv>): Promise<User> {
    const user = await userById(db, requireViewer(c).id);
    if (!user) throw notFound('your account no longer exists');
    return user;
  }

  async function render(c: Context<AppEnv>, user: User, extra: Partial<DigestSettingsView> = {}, status: 200 | 400 = 200) {
    c.header('Cache-Control', 'no-store');
    const subscriptions = await subscriptionsOfMember(db, user.id, user.email);
    // The recommendations form shows what the member gets now, if anything.
    const current = subscriptions.find((s) => s.personal && s.confirmedAt && s.userId === user.id);
    const view: DigestSettingsView = {
      viewer: c.get('viewer')!, csrf: c.get('csrf'), subscriptions,
      form: { email: user.email ?? '', cadence: 'daily' },
      personal: { form: { email: current?.email ?? user.email ?? '', cadence: current?.cadence ?? 'weekly' }, max: PERSONAL_MAX }, ...extra,
    };
    return c.html(digestSettingsPage(view).value, status);
  }

  app.get('/settings/digest', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/settings/digest'), 303);
    return render(c, await member(c));
  });

  app.post('/settings/digest', async (c) => {
    const user = await member(c);
    const body = await c.req.parseBody();
    const form: SubscribeForm = { email: text(body.email), cadence: text(body.cadence), query: text(body.query) };
    const personal = body.kind === 'personal';
    await rateLimit(c, `subscribe:${requestIp(c)}`, SUBSCRIBE_RATE.limit, SUBSCRIBE_RATE.windowSeconds, SUBSCRIBE_RATE.message);
    try {
      if (personal) await requestPersonalDigest(deps, form, user.id);
      else await requestSubscription(deps, form, user.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const errors = /e-mail/.test(err.message) ? { email: err.message } : {};
      const shown = personal ? { personal: { form, errors, max: PERSONAL_MAX } } : { form, errors };
      return render(c, user, { ...shown, message: { kind: 'error', text: err.message } }, 400);
    }
    return render(c, user, { message: { kind: 'ok', text: `Unless it is already set up, a confirmation link is on its way to ${form.email!.trim()}.` } });
  });

  app.post('/settings/digest/:id{[0-9]{1,12}}/stop', async (c) => {
    const user = await member(c);
    const s = (await subscriptionsOfMember(db, user.id, user.email)).find((x) => x.id === Number(c.req.param('id')));
    if (!s) throw notFound('you have no such subscription');
    await unsubscribeOne(db, s.id, new Date().toISOString()); // anything queued for it is cancelled when its turn comes
    return render(c, user, { message: { kind: 'ok', text: 'Stopped. No more of those e-mails will be sent.' } });
  });

  app.get('/settings/digest-preview', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/settings/digest-preview'), 303);
    const user = await member(c);
    const mine = (await subscriptionsOfMember(db, user.id, user.email)).filter((s) => s.confirmedAt);
    const id = c.req.query('id');
    let s: Subscription | undefined = id ? mine.find((x) => String(x.id) === id) : mine[0];
    if (id && !s) throw notFound('you have no such subscription');
    // Without a subscription yet: what a new daily subscriber would get, saying they have none.
    const subscribed = s !== undefined;
    s ??= { id: 0, email: user.email ?? `${user.username}@example.org`, cadence: 'daily', query: null, personal: false, userId: user.id, sinceDay: null, confirmedAt: null, unsubscribedAt: null, requestedAt: '', createdAt: '' };
    c.header('Cache-Control', 'no-store');
    const mail = await previewNext(deps, s);
    const what = s.personal ? `${s.cadence} recommendation e-mail` : s.query ? `alert for “${s.query}”` : `${s.cadence} digest`;
    if (!mail || 'noneClose' in mail) return c.html(previewEmptyPage(c.get('viewer')!, c.get('csrf'), what, subscribed, mail?.noneClose).value);
    if (c.req.query('format') === 'text') return c.html(previewTextPage(c.get('viewer')!, c.get('csrf'), mail.subject, mail.text, subscribed).value);
    const textHref = `/settings/digest-preview?${new URLSearchParams({ ...(id ? { id } : {}), format: 'text' })}`;
    const label = subscribed
      ? `Preview of your next ${what}: “${mail.subject}”`
      : `You have no e-mail digest yet. This is what a ${what} would bring you: “${mail.subject}”`;
    return c.html(previewDocument(mail.html, label, textHref, subscribed));
  });
}
