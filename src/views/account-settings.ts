// /settings: e-mail, password and API tokens (a new token is shown here once), plus sections other
// modules add (digest preferences).
import type { ApiToken } from '../db/tokens.ts';
import { MAX_PASSWORD, MIN_PASSWORD } from '../domain/accounts.ts';
import { csrfField, field, notice, type FieldErrors } from './account-forms.ts';
import { shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';

export interface SettingsView {
  viewer: Viewer;
  csrf: string;
  email: string | null;
  tokens: ApiToken[];
  /** A token just created: its secret, shown this once. */
  newToken?: { name: string; token: string };
  /** Which form the errors and message belong to. */
  form?: 'email' | 'password' | 'token';
  errors?: FieldErrors;
  message?: { kind: 'ok' | 'error'; text: string };
  extra: Html[];
}

function messageFor(v: SettingsView, form: SettingsView['form']): Html {
  return v.form === form && v.message ? notice(v.message.kind, v.message.text) : html``;
}

const errorsFor = (v: SettingsView, form: SettingsView['form']) => (v.form === form ? v.errors : undefined);

function tokenRow(t: ApiToken, csrf: string): Html {
  return html`<li>
    <div><strong>${t.name}</strong> <code>${t.prefix}…</code>
      <p class="hint">Created ${shortDate(t.createdAt)} · ${t.lastUsedAt ? `last used ${shortDate(t.lastUsedAt)}` : 'never used'}</p></div>
    <form method="post" action="/settings/tokens/${t.id}/revoke">${csrfField(csrf)}<button type="submit" class="danger">Revoke</button></form>
  </li>`;
}

export function settingsPage(v: SettingsView): Html {
  return layout({
    title: 'Settings',
    section: 'account',
    viewer: v.viewer,
    csrf: v.csrf,
    body: html`<h1>Settings</h1>
    <p class="sub">Logged in as <a href="/u/${v.viewer.username}">${v.viewer.username}</a>${v.viewer.isAdmin ? ' (administrator)' : ''}.</p>

    <section class="panel" aria-labelledby="email-h">
      <h2 id="email-h">E-mail</h2>
      ${messageFor(v, 'email')}
      <form method="post" action="/settings/email" class="stack">
        ${csrfField(v.csrf)}
        ${field({ form: 'email', name: 'email', label: 'E-mail address', type: 'email', value: v.form === 'email' && v.errors?.email ? undefined : (v.email ?? ''), autocomplete: 'email', maxlength: 254 }, errorsFor(v, 'email'))}
        ${field({ form: 'email', name: 'current', label: 'Current password', type: 'password', autocomplete: 'current-password', maxlength: MAX_PASSWORD }, errorsFor(v, 'email'))}
        <button type="submit">Change e-mail</button>
      </form>
    </section>

    <section class="panel" aria-labelledby="password-h">
      <h2 id="password-h">Password</h2>
      ${messageFor(v, 'password')}
      <form method="post" action="/settings/password" class="stack">
        ${csrfField(v.csrf)}
        <input type="text" name="username" value="${v.viewer.username}" autocomplete="username" hidden>
        ${field({ form: 'password', name: 'current', label: 'Current password', type: 'password', autocomplete: 'current-password', maxlength: MAX_PASSWORD }, errorsFor(v, 'password'))}
        ${field({ form: 'password', name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, hint: `At least ${MIN_PASSWORD} characters. Other browsers where you are logged in are logged out.` }, errorsFor(v, 'password'))}
        <button type="submit">Change password</button>
      </form>
    </section>

    <section class="panel" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p class="hint">For scripts and API clients: send <code>Authorization: Bearer TOKEN</code>. See <a href="/api/openapi.json">the API description</a>.</p>
      ${messageFor(v, 'token')}
      ${v.newToken
        ? html`<div class="new-token" role="status">
            <p>Your new token <strong>${v.newToken.name}</strong>. Copy it now: it will not be shown again.</p>
            <code id="new-token">${v.newToken.token}</code>
          </div>`
        : ''}
      ${v.tokens.length ? html`<ul class="tokens">${v.tokens.map((t) => tokenRow(t, v.csrf))}</ul>` : html`<p>You have no API tokens.</p>`}
      <form method="post" action="/settings/tokens" class="inline">
        ${csrfField(v.csrf)}
        ${field({ form: 'token', name: 'name', label: 'New token name', value: '', maxlength: 60, hint: 'What it is for, e.g. "digest bot".' }, errorsFor(v, 'token'))}
        <button type="submit">Create token</button>
      </form>
    </section>
    ${v.extra}`,
  });
}
