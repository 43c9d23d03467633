// The log-in, sign-up and log-out pages.
import { MAX_PASSWORD, MIN_PASSWORD, USERNAME_RULE } from '../domain/accounts.ts';
import { csrfField, field, notice, type FieldErrors } from './account-forms.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';

interface FormPage {
  csrf: string;
  /** Where to go after success (a path on this site). */
  next: string;
  values?: { username?: string; email?: string };
  errors?: FieldErrors;
  message?: string;
  viewer?: Viewer | null;
}

const nextField = (next: string) => (next === '/' ? '' : html`<input type="hidden" name="next" value="${next}">`);
const withNext = (path: string, next: string) => (next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`);

function accountPage(title: string, body: Html, viewer: Viewer | null | undefined): Html {
  return layout({ title, section: 'account', viewer, body: html`<section class="account-box">${body}</section>` });
}

export function loginPage(p: FormPage): Html {
  return accountPage(
    'Log in',
    html`<h1>Log in</h1>
    ${notice('error', p.message)}
    <form method="post" action="/login" class="stack">
      ${csrfField(p.csrf)}${nextField(p.next)}
      ${field({ name: 'username', label: 'Username', value: p.values?.username, autocomplete: 'username', maxlength: 64, autofocus: !p.values?.username }, p.errors)}
      ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', maxlength: MAX_PASSWORD, autofocus: Boolean(p.values?.username) }, p.errors)}
      <button type="submit" class="primary">Log in</button>
    </form>
    <p class="alt">New here? <a href="${withNext('/signup', p.next)}">Create an account</a>.</p>
    <p class="hint" id="forgot"><strong>Forgot your password?</strong> This site has no reset by e-mail: ask one of its
      administrators for a set-password link (they make one with <code>paperboy user link</code> and your username).</p>`,
    p.viewer,
  );
}

export function signupPage(p: FormPage): Html {
  return accountPage(
    'Sign up',
    html`<h1>Create your account</h1>
    <p class="sub">Submit papers to the daily list, upvote them and join the discussion.</p>
    ${notice('error', p.message)}
    <form method="post" action="/signup" class="stack">
      ${csrfField(p.csrf)}${nextField(p.next)}
      ${field({ name: 'username', label: 'Username', value: p.values?.username, autocomplete: 'username', minlength: 2, maxlength: 32, pattern: '[A-Za-z0-9_\\-]{2,32}', hint: `${USERNAME_RULE}; shown with what you post.`, autofocus: true }, p.errors)}
      ${field({ name: 'email', label: 'E-mail', type: 'email', value: p.values?.email, autocomplete: 'email', maxlength: 254, hint: 'Never shown to others.' }, p.errors)}
      ${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, hint: `At least ${MIN_PASSWORD} characters.` }, p.errors)}
      <button type="submit" class="primary">Sign up</button>
    </form>
    <p class="alt">Already have an account? <a href="${withNext('/login', p.next)}">Log in</a>.</p>`,
    p.viewer,
  );
}

/** GET /logout: a button to confirm (logging out is a POST so other sites cannot do it for you). */
export function logoutPage(p: { csrf: string; viewer: Viewer | null }): Html {
  if (!p.viewer) return accountPage('Log out', html`<h1>You are not logged in</h1><p><a href="/login">Log in</a> or go <a href="/">back to the papers</a>.</p>`, null);
  return accountPage(
    'Log out',
    html`<h1>Log out</h1>
    <p>You are logged in as <strong>${p.viewer.username}</strong>.</p>
    <form method="post" action="/logout" class="stack">${csrfField(p.csrf)}<button type="submit" class="primary">Log out</button></form>`,
    p.viewer,
  );
}
