// /subscribe (form → confirmation mail), /subscribe/confirm (GET: the signed link shows a button;
// POST: confirms — the signed token in the form is the proof, no log-in needed) and /unsubscribe
// (GET: a confirm page; POST: RFC 8058 one-click, no log-in or form token — the signed URL is the proof).
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { AppError } from '../../errors.ts';
import { nextDigestTime } from '../../mail/schedule.ts';
import { checkConfirmToken, confirmByToken, requestSubscription, subscriptionForUnsubscribe, unsubscribeByToken } from '../../mail/subscribe.ts';
import { unsubscribeUrl } from '../../mail/message.ts';
import { longDay } from '../../views/format.ts';
import { html } from '../../views/html.ts';
import { addHeaderSlot } from '../../views/layout.ts';
import { badLinkPage, checkInboxPage, confirmAskPage, confirmedPage, subscribePage, unsubscribeConfirmPage, unsubscribedPage, type SubscribeForm } from '../../views/subscribe.ts';
import { rateLimit, requestIp } from '../middleware/rate-limit.ts';

/** Subscription requests one client may make per hour (each may send a mail to a stranger). */
export const SUBSCRIBE_RATE = { limit: 20, windowSeconds: 3600, message: 'too many subscription requests from your address; try again later' };

// "Get trending papers in your inbox" is the one thing the site asks of a visitor: a link on every page.
addHeaderSlot(() => html`<a class="subscribe-link" href="/subscribe" title="Get trending papers in your inbox">✉ Get the digest</a>`);

const page = (c: Context<AppEnv>) => ({ viewer: c.get('viewer'), csrf: c.get('csrf') });
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function whenText(t: Date): string {
  return `${longDay(t.toISOString().slice(0, 10))} at ${t.toISOString().slice(11, 16)} UTC`;
}

export function subscribeRoutes(app: App, deps: AppDeps): void {
  app.get('/subscribe', (c) => {
    const q = c.req.query();
    return c.html(subscribePage({ ...page(c), form: { email: q.email, cadence: q.cadence, query: q.query } }).value);
  });

  app.post('/subscribe', async (c) => {
    const body = await c.req.parseBody();
    const form: SubscribeForm = { email: text(body.email), cadence: text(body.cadence), query: text(body.query) };
    await rateLimit(c, `subscribe:${requestIp(c)}`, SUBSCRIBE_RATE.limit, SUBSCRIBE_RATE.windowSeconds, SUBSCRIBE_RATE.message);
    try {
      await requestSubscription(deps, form, c.get('viewer')?.id ?? null);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const onEmail = /e-mail|email/.test(err.message);
      return c.html(subscribePage({ ...page(c), form, errors: onEmail ? { email: err.message } : {}, error: onEmail ? undefined : err.message }).value, 400);
    }
    return c.html(checkInboxPage(page(c), form.email!.trim()).value);
  });

  // Mail scanners and link previews fetch every link in a message, so following the link only
  // asks; the button posts the token back. The page's assets get no Referer with the token in it.
  app.get('/subscribe/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'strict-origin');
    const token = c.req.query('token') ?? '';
    const check = await checkConfirmToken(deps, token);
    if (check.status !== 'ok') return c.html(badLinkPage(page(c), check.status === 'expired').value, 400);
    return c.html(confirmAskPage(page(c), check.subscription, check.cadence, token).value);
  });

  app.post('/subscribe/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    const outcome = await confirmByToken(deps, text((await c.req.parseBody()).token) ?? '');
    if (outcome.status !== 'confirmed') return c.html(badLinkPage(page(c), outcome.status === 'expired').value, 400);
    const s = outcome.subscription;
    const next = whenText(nextDigestTime(new Date(), s.cadence, deps.config));
    return c.html(confirmedPage(page(c), s, unsubscribeUrl(deps.config, s), next).value);
  });

  app.get('/unsubscribe', async (c) => {
    c.header('Cache-Control', 'no-store');
    const token = c.req.query('token') ?? '';
    const s = await subscriptionForUnsubscribe(deps, token);
    if (!s) return c.html(badLinkPage(page(c), false).value, 400);
    return c.html(unsubscribeConfirmPage(page(c), s, `/unsubscribe?token=${encodeURIComponent(token)}`).value);
  });

  // Mail providers POST `List-Unsubscribe=One-Click` to the URL from the header, without cookies.
  app.post('/unsubscribe', async (c) => {
    c.header('Cache-Control', 'no-store');
    const s = await unsubscribeByToken(deps, c.req.query('token') ?? '');
    if (!s) return c.html(badLinkPage(page(c), false).value, 400);
    return c.html(unsubscribedPage(page(c), s).value);
  });
}
