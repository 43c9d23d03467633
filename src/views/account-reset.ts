// /reset: setting a password from a one-time link printed by `paperboy user add` or `user link`.
import { MAX_PASSWORD, MIN_PASSWORD } from '../domain/accounts.ts';
import { csrfField, field, notice, type FieldErrors } from './account-forms.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

export function resetPage(p: { csrf: string; token: string; username: string; errors?: FieldErrors }): Html {
  return layout({
    title: 'Set your password',
    section: 'account',
    body: html`<section class="account-box">
      <h1>Set your password</h1>
      <p class="sub">For the account <strong>${p.username}</strong>. Once set, this link stops working.</p>
      <form method="post" action="/reset" class="stack">
        ${csrfField(p.csrf)}<input type="hidden" name="token" value="${p.token}">
        <input type="text" name="username" value="${p.username}" autocomplete="username" hidden>
        ${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, hint: `At least ${MIN_PASSWORD} characters.`, autofocus: true }, p.errors)}
        <button type="submit" class="primary">Set password and log in</button>
      </form>
    </section>`,
  });
}

export function resetFailedPage(message: string): Html {
  return layout({
    title: 'Link not valid',
    section: 'account',
    body: html`<section class="account-box"><h1>This link does not work</h1>${notice('error', message)}
      <p>Ask an administrator for a new one (<code>paperboy user link NAME</code>).</p></section>`,
  });
}
