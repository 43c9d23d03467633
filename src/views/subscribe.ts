// The e-mail subscription pages: the form, "check your inbox", the confirmation result, and the
// unsubscribe confirm page (a form that posts the RFC 8058 one-click body), and the button that
// confirms a subscription from its e-mail link.
import type { Subscription } from '../db/subscriptions.ts';
import { MAX_QUERY_LENGTH } from '../search/query.ts';
import { csrfField, field, notice, type FieldErrors } from './account-forms.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';

export interface SubscribeForm {
  email?: string;
  cadence?: string;
  query?: string;
}

interface Page {
  viewer: Viewer | null;
  csrf: string;
}

export function cadenceChoice(name: string, current: string | undefined): Html {
  const choice = (value: 'daily' | 'weekly', label: string, hint: string) => html`<label class="choice">
      <input type="radio" name="${name}" value="${value}"${(current ?? 'daily') === value ? html` checked` : ''}>
      <span><strong>${label}</strong><span class="hint">${hint}</span></span>
    </label>`;
  return html`<fieldset class="choices">
    <legend>How often</legend>
    ${choice('daily', 'Daily', 'The day’s list, best first, on weekday mornings.')}
    ${choice('weekly', 'Weekly', 'The top papers of the last seven days, once a week.')}
  </fieldset>`;
}

export function subscribeFormFields(form: SubscribeForm, errors: FieldErrors, options: { emailHint?: string } = {}): Html {
  return html`${field({ name: 'email', label: 'E-mail address', type: 'email', value: form.email, autocomplete: 'email', maxlength: 254, hint: options.emailHint }, errors)}
    ${cadenceChoice('cadence', form.cadence)}
    ${field({ name: 'query', label: 'Only papers about… (optional)', value: form.query, required: false, maxlength: MAX_QUERY_LENGTH, hint: 'A saved search: e.g. quantization. Then each e-mail holds only new papers matching it. Leave empty for the top papers.' }, errors)}`;
}

export function subscribePage(p: Page & { form: SubscribeForm; errors?: FieldErrors; error?: string }): Html {
  return layout({
    title: 'Get trending papers in your inbox',
    description: 'The best new papers of the day or week by e-mail, or new papers matching a search. No account needed.',
    viewer: p.viewer,
    csrf: p.csrf,
    body: html`<section class="account-box subscribe">
    <h1>Get trending papers in your inbox</h1>
    <p class="alt">The best new papers of the day or the week — or only new papers matching a search. No account needed; we check your address first.</p>
    ${notice('error', p.error)}
    <form method="post" action="/subscribe" class="stack">
      ${csrfField(p.csrf)}
      ${subscribeFormFields(p.form, p.errors ?? {})}
      <button type="submit" class="primary">Subscribe</button>
    </form>
    <p class="hint">Every e-mail has a one-click unsubscribe link.${p.viewer ? html` You can also manage your subscriptions in <a href="/settings/digest">settings</a>.` : ''}</p>
  </section>`,
  });
}

function messagePage(p: Page, title: string, body: Html, status: 'ok' | 'error' = 'ok'): Html {
  return layout({ title, viewer: p.viewer, csrf: p.csrf, body: html`<section class="account-box subscribe ${status}">${body}</section>` });
}

export function checkInboxPage(p: Page, email: string): Html {
  return messagePage(p, 'Check your inbox', html`<h1>Check your inbox</h1>
    <p>If <strong>${email}</strong> can receive mail, a message with a confirmation link is on its way.</p>
    <p class="alt">Nothing is sent to this address until the link is followed. It works for 7 days.</p>
    <p><a href="/papers">Back to today’s papers</a></p>`);
}

function describe(s: Pick<Subscription, 'cadence' | 'query' | 'personal'>): string {
  if (s.personal) return `a ${s.cadence} e-mail with the new papers picked for what you upvote`;
  return s.query ? `a ${s.cadence} e-mail with new papers matching “${s.query}”` : `the ${s.cadence} digest of the best new papers`;
}

/**
 * GET /subscribe/confirm: what the link would confirm and a button that does it. Only the POST
 * confirms, so a mail scanner that fetches every link in a message cannot subscribe anyone.
 */
export function confirmAskPage(p: Page, s: Subscription, cadence: Subscription['cadence'], token: string): Html {
  const already = s.confirmedAt && !s.unsubscribedAt && s.cadence === cadence;
  return messagePage(p, 'Confirm your subscription', html`<h1>Confirm your subscription</h1>
    ${already ? notice('ok', 'This subscription is already confirmed; confirming again changes nothing.') : ''}
    <p>Send <strong>${s.email}</strong> ${describe({ ...s, cadence })}?</p>
    <form method="post" action="/subscribe/confirm">
      <input type="hidden" name="token" value="${token}">
      <button type="submit" class="primary">Yes, subscribe</button>
    </form>
    <p class="alt">Didn’t ask for this? Ignore the e-mail: nothing is sent until this button is pressed.</p>`);
}

export function confirmedPage(p: Page, s: Subscription, unsubscribeUrl: string, firstAt: string): Html {
  return messagePage(p, 'Subscribed', html`<h1>You’re subscribed</h1>
    <p><strong>${s.email}</strong> will get ${describe(s)}. The next one goes out ${firstAt}, when there are new papers.</p>
    <p class="alt">Changed your mind? <a href="${unsubscribeUrl}">Unsubscribe</a> — every e-mail has the same link.</p>
    <p><a href="/papers">Read today’s papers</a></p>`);
}

export function badLinkPage(p: Page, expired: boolean): Html {
  return messagePage(
    p,
    expired ? 'Link expired' : 'Link not valid',
    html`<h1>${expired ? 'This link has expired' : 'This link is not valid'}</h1>
    <p>${expired ? 'Confirmation links work for 7 days.' : 'It may have been cut short when it was copied.'} Subscribe again to get a new one.</p>
    <p><a class="button primary" href="/subscribe">Subscribe</a></p>`,
    'error',
  );
}

export function unsubscribeConfirmPage(p: Page, s: Subscription, action: string): Html {
  return messagePage(p, 'Unsubscribe', html`<h1>Unsubscribe?</h1>
    ${s.unsubscribedAt ? notice('ok', 'This address is already unsubscribed.') : ''}
    <p><strong>${s.email}</strong> will get no more e-mail from paperboy: no digests and no saved-search alerts.</p>
    <form method="post" action="${action}">
      <input type="hidden" name="List-Unsubscribe" value="One-Click">
      <button type="submit" class="primary">Unsubscribe</button>
    </form>`);
}

export function unsubscribedPage(p: Page, s: Subscription): Html {
  return messagePage(p, 'Unsubscribed', html`<h1>You’re unsubscribed</h1>
    <p><strong>${s.email}</strong> will get no more e-mail from paperboy.</p>
    <p class="alt">Changed your mind? <a href="/subscribe">Subscribe again</a>.</p>`);
}
