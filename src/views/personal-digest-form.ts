// The /settings/digest panel that asks for one's recommendations by e-mail: the address, daily or
// weekly, and what they hold.
import { csrfField, field, type FieldErrors } from './account-forms.ts';
import { html, type Html } from './html.ts';

export interface PersonalDigestForm {
  email?: string;
  cadence?: string;
}

function choice(current: string | undefined, value: 'daily' | 'weekly', label: string, hint: string): Html {
  return html`<label class="choice">
      <input type="radio" name="cadence" value="${value}"${(current ?? 'weekly') === value ? html` checked` : ''}>
      <span><strong>${label}</strong><span class="hint">${hint}</span></span>
    </label>`;
}

export interface PersonalDigestPanel {
  csrf: string;
  form: PersonalDigestForm;
  errors?: FieldErrors;
  /** The member gets them already. */
  active: boolean;
  /** The most papers a daily and a weekly one holds. */
  max: { daily: number; weekly: number };
}

export function personalDigestPanel(o: PersonalDigestPanel): Html {
  return html`<section class="panel" aria-labelledby="for-you-h"><h2 id="for-you-h">Recommended for you, by e-mail</h2>
    <p>The papers of the new lists picked for what you upvote — the closest of what <a href="/papers/for-you">For you</a> shows, each paper once.
      Only papers really like the ones you upvoted are sent: when the new lists hold none, no e-mail comes.
      Until you upvote something, the most upvoted ones.${o.active ? ' You get them already (see above); sending this again changes how often.' : ''}</p>
    <form method="post" action="/settings/digest" class="stack">
      ${csrfField(o.csrf)}
      <input type="hidden" name="kind" value="personal">
      ${field({ form: 'for-you', name: 'email', label: 'E-mail address', type: 'email', value: o.form.email, autocomplete: 'email', maxlength: 254, hint: 'We send a confirmation link to this address first.' }, o.errors ?? {})}
      <fieldset class="choices">
        <legend>How often</legend>
        ${choice(o.form.cadence, 'daily', 'Daily', `Up to ${o.max.daily} papers from each new list, on weekday mornings.`)}
        ${choice(o.form.cadence, 'weekly', 'Weekly', `Up to ${o.max.weekly} papers from the week’s lists, once a week.`)}
      </fieldset>
      <button type="submit" class="primary">Send me my recommendations</button>
    </form>
  </section>`;
}
