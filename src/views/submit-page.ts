// /submit: the form that puts an arXiv paper on today's list, with the rules spelled out and,
// after a refused attempt, what went wrong above the form that still holds what was typed.
import { MAX_COMMENT_CHARS } from '../domain/comments.ts';
import { csrfField, field } from './account-forms.ts';
import { longDay, plural } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';

export interface SubmitPageOptions {
  viewer: Viewer;
  csrf: string;
  today: string;
  policy: { dailyQuota: number; usedToday: number; maxAgeDays: number };
  value?: string;
  comment?: string;
  error?: { message: string; paperHref?: string };
}

export function submitPage(o: SubmitPageOptions): Html {
  const left = Math.max(0, o.policy.dailyQuota - o.policy.usedToday);
  const body = html`<section class="submit-page">
  <h1>Submit a paper</h1>
  <p class="sub">Put an arXiv paper on the daily list of ${longDay(o.today)}. Its title, authors and abstract come from arXiv.</p>
  <div class="panel">
  ${o.error
    ? html`<div class="notice error" role="alert">${o.error.message}${o.error.paperHref ? html` <a href="${o.error.paperHref}">Go to the paper</a>.` : ''}</div>`
    : ''}
  <form class="stack" method="post" action="/submit">
    ${csrfField(o.csrf)}
    ${field({
      name: 'paper', label: 'arXiv id or link', value: o.value, maxlength: 300, autocomplete: 'off', autofocus: true,
      hint: 'An id (2508.01234, hep-th/9901001) or an arxiv.org abs or PDF link, with or without a version.',
    })}
    <div class="field">
      <label for="comment">First comment <span class="hint">(optional)</span></label>
      <textarea id="comment" name="comment" rows="4" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="comment-hint">${o.comment ?? ''}</textarea>
      <p class="hint" id="comment-hint">Why is it worth reading? Markdown works, and $…$ for math.</p>
    </div>
    <button type="submit" class="primary">Submit paper</button>
  </form>
  </div>
  <h2>The rules</h2>
  <ul class="rules">
    <li>A paper is listed once, on the day it is first submitted.</li>
    <li>Each member can submit ${plural(o.policy.dailyQuota, 'paper')} a day (UTC); you have ${left} left today.</li>
    ${o.policy.maxAgeDays ? html`<li>Only papers whose first version appeared on arXiv in the last ${plural(o.policy.maxAgeDays, 'day')}.</li>` : ''}
  </ul>
</section>`;
  return layout({ title: 'Submit a paper', section: 'submit', viewer: o.viewer, csrf: o.csrf, body });
}
