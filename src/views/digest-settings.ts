// A member's e-mail digests: what they get, what awaits confirmation, a form to add one, the
// preview frame around a rendered digest, and the panel linking here from /settings.
import type { Subscription } from '../db/subscriptions.ts';
import type { NoneClose } from '../mail/personal.ts';
import { csrfField, notice, type FieldErrors } from './account-forms.ts';
import { plural } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';
import { personalDigestPanel, type PersonalDigestPanel } from './personal-digest-form.ts';
import { subscribeFormFields, type SubscribeForm } from './subscribe.ts';

export interface DigestSettingsView {
  viewer: Viewer;
  csrf: string;
  subscriptions: Subscription[];
  form: SubscribeForm;
  errors?: FieldErrors;
  message?: { kind: 'ok' | 'error'; text: string };
  /** The form asking for one's recommendations by e-mail. */
  personal: Omit<PersonalDigestPanel, 'csrf' | 'active'>;
}

export function describeSubscription(s: Pick<Subscription, 'cadence' | 'query' | 'personal'>): string {
  if (s.personal) return `${s.cadence === 'daily' ? 'Daily' : 'Weekly'} recommendations: new papers picked for what you upvote`;
  return s.query ? `${s.cadence === 'daily' ? 'Daily' : 'Weekly'} alert: new papers matching “${s.query}”` : `${s.cadence === 'daily' ? 'Daily' : 'Weekly'} digest of the best papers`;
}

function rows(v: DigestSettingsView): Html {
  if (!v.subscriptions.length) return html`<p class="empty">You get no e-mail from paperboy yet.</p>`;
  return html`<ul class="tokens subscriptions">${v.subscriptions.map(
    (s) => html`<li>
      <div><strong>${describeSubscription(s)}</strong>
        <p class="hint">to ${s.email} · ${s.confirmedAt ? 'active' : 'waiting for you to follow the link we sent'}${s.confirmedAt ? html` · <a href="/settings/digest-preview?id=${s.id}">preview the next one</a>` : ''}</p></div>
      <form method="post" action="/settings/digest/${s.id}/stop">${csrfField(v.csrf)}<button type="submit" class="danger">Stop</button></form>
    </li>`,
  )}</ul>`;
}

export function digestSettingsPage(v: DigestSettingsView): Html {
  return layout({
    title: 'E-mail digests',
    section: 'account',
    viewer: v.viewer,
    csrf: v.csrf,
    body: html`<h1>E-mail digests</h1>
    <p class="sub"><a href="/settings">Settings</a> · the best new papers, papers picked for you, or new papers matching a search, by e-mail.</p>
    ${v.message ? notice(v.message.kind, v.message.text) : ''}
    <section class="panel" aria-labelledby="yours-h"><h2 id="yours-h">What you get</h2>${rows(v)}</section>
    ${personalDigestPanel({ ...v.personal, csrf: v.csrf, active: v.subscriptions.some((s) => s.personal && s.confirmedAt) })}
    <section class="panel" aria-labelledby="add-h"><h2 id="add-h">Add a digest or alert</h2>
      <form method="post" action="/settings/digest" class="stack">
        ${csrfField(v.csrf)}
        ${subscribeFormFields(v.form, v.errors ?? {}, { emailHint: 'We send a confirmation link to this address first.' })}
        <button type="submit" class="primary">Subscribe</button>
      </form>
    </section>`,
  });
}

/** The /settings panel that leads here. */
export function digestSettingsPanel(): Html {
  return html`<section class="panel" aria-labelledby="digests-h">
    <h2 id="digests-h">E-mail digests</h2>
    <p>Get the day’s or week’s best papers by e-mail, the new papers picked for what you upvote, or new papers matching a search.</p>
    <p class="digest-links"><a class="button" href="/settings/digest">Manage e-mail digests</a> <a href="/settings/digest-preview">Preview your next digest</a></p>
  </section>`;
}

/**
 * Where a preview leads: back to the member's digests, or (when they have none and see what a daily
 * digest would hold) to the same page, where they subscribe.
 */
function digestsLink(subscribed: boolean, style = ''): Html {
  return html`<a href="/settings/digest"${style ? html` style="${style}"` : ''}>${subscribed ? 'Back to your digests' : 'Subscribe to get it'}</a>`;
}

/** A rendered digest shown as a page, under a bar that says it is a preview. */
export function previewDocument(mailHtml: string, label: string, textHref: string, subscribed = true): string {
  const link = 'color:#92400e;';
  const bar = html`<div style="padding:10px 16px;background:#fef3c7;color:#92400e;font:600 14px/1.4 system-ui,sans-serif;text-align:center;">
    ${label}${subscribed ? ' — nothing has been sent.' : '.'} ${digestsLink(subscribed, link)} · <a href="${textHref}" style="${link}">Plain-text version</a></div>`;
  return mailHtml.replace(/<body([^>]*)>/, (m) => `${m}\n${bar.value}`);
}

/** `noneClose`: a personal digest's new papers were all too far from what the member upvoted. */
export function previewEmptyPage(viewer: Viewer, csrf: string, what: string, subscribed = true, noneClose?: NoneClose): Html {
  return layout({
    title: 'Digest preview',
    section: 'account',
    viewer,
    csrf,
    body: noneClose
      ? html`<h1>Nothing close enough to send</h1><p>None of the ${plural(noneClose.papers, 'new paper')} on the lists is close enough to the papers you
      upvoted, so your next ${what} would not be sent: these e-mails bring only papers really like what you upvote, and none on a day without any.
      The closest was <a href="/papers/${noneClose.closest.id}">${noneClose.closest.title}</a>.</p>
    <p><a href="/papers/for-you">For you</a> shows the week’s best picks all the same · ${digestsLink(true)}</p>`
      : subscribed
      ? html`<h1>Nothing new yet</h1><p>Your next ${what} has no papers yet: everything on the recent lists has reached you already, or nothing matches. It will go out when there is something new.</p>
    <p>${digestsLink(true)}</p>`
      : html`<h1>You have no e-mail digest</h1><p>paperboy sends you no digest yet, and a ${what} would have no papers right now.</p>
    <p><a href="/settings/digest">Subscribe to a digest or alert</a></p>`,
  });
}

export function previewTextPage(viewer: Viewer, csrf: string, subject: string, text: string, subscribed = true): Html {
  return layout({
    title: 'Digest preview (plain text)',
    section: 'account',
    viewer,
    csrf,
    body: html`<h1>${subject}</h1><p class="sub">${subscribed ? 'The plain-text part of your next digest' : 'The plain-text part of a daily digest; you have no e-mail digest yet'} · ${digestsLink(subscribed)}</p>
    <pre class="mail-text">${text}</pre>`,
  });
}
