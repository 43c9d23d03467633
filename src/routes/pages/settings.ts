// /settings: change e-mail (with the current password), change password, create and revoke API
// tokens. Other modules add their own sections (digest preferences) with addSettingsSection.
// A form that succeeds redirects back to /settings (Post/Redirect/Get), so reloading the page never
// sends it again — no second token, no second password change; its outcome rides in a flash cookie.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { deleteToken, tokensOfUser } from '../../db/tokens.ts';
import { userById, type User } from '../../db/users.ts';
import { secretHash } from '../../domain/accounts.ts';
import { AccountError, changeEmail, changePassword, checkCredentials, createApiToken } from '../../domain/users.ts';
import { notFound } from '../../errors.ts';
import type { Html } from '../../views/html.ts';
import type { Viewer } from '../../views/layout.ts';
import { settingsPage, type SettingsView } from '../../views/account-settings.ts';
import { requireViewer } from '../auth.ts';
import { cookieSettings } from '../middleware/session.ts';
import { formText, LOGIN_PER_USER, loginKey } from './account.ts';
import { setFlash, takeFlash, type Flash } from './settings-flash.ts';
import { loginUrl } from './back.ts';

/** A section below the account settings (e.g. e-mail digests), rendered for the logged-in viewer. */
export type SettingsSection = (c: Context<AppEnv>, viewer: Viewer) => Promise<Html | null>;
const sections: SettingsSection[] = [];
export function addSettingsSection(section: SettingsSection): void {
  sections.push(section);
}

type Extra = Pick<SettingsView, 'newToken' | 'form' | 'errors' | 'message'>;

// The heading each form's outcome is shown under, so the browser scrolls back to it.
const SECTION_OF = { email: 'email-h', password: 'password-h', token: 'tokens-h' } as const;

export function settingsRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  /** The logged-in account, fresh from the database (the viewer carries only id, name and role). */
  async function account(c: Context<AppEnv>): Promise<User> {
    const viewer = requireViewer(c);
    const user = await userById(db, viewer.id);
    if (!user) throw notFound('your account no longer exists');
    return user;
  }

  async function render(c: Context<AppEnv>, user: User, extra: Extra = {}, status: 200 | 400 | 401 | 409 = 200) {
    const viewer = c.get('viewer')!;
    const more = (await Promise.all(sections.map((s) => s(c, viewer)))).filter((h): h is Html => h !== null);
    const view: SettingsView = { viewer, csrf: c.get('csrf'), email: user.email, tokens: await tokensOfUser(db, user.id), extra: more, ...extra };
    c.header('Cache-Control', 'no-store');
    return c.html(settingsPage(view).value, status);
  }

  /** Checks the current password for a sensitive change, under the same limit as log-ins. */
  async function currentPasswordOk(c: Context<AppEnv>, user: User): Promise<boolean> {
    const limiter = c.get('limiter');
    await limiter.check(loginKey(user.username), LOGIN_PER_USER.limit, LOGIN_PER_USER.windowSeconds, 'too many wrong passwords; try again later');
    if (await checkCredentials(db, user.username, await formText(c, 'current'))) return true;
    await limiter.hit(loginKey(user.username), LOGIN_PER_USER.limit, LOGIN_PER_USER.windowSeconds);
    return false;
  }

  /** After a form succeeded: back to /settings (at its section), where `flash` is shown once. */
  function done(c: Context<AppEnv>, user: User, flash: Flash) {
    setFlash(c, deps, user.id, flash);
    c.header('Cache-Control', 'no-store');
    return c.redirect(`/settings#${SECTION_OF[flash.form!]}`, 303);
  }

  app.get('/settings', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/settings'), 303);
    const user = await account(c);
    return render(c, user, takeFlash(c, deps, user.id) ?? {});
  });

  app.post('/settings/email', async (c) => {
    const user = await account(c);
    if (!(await currentPasswordOk(c, user))) return render(c, user, { form: 'email', errors: { current: 'that is not your current password' } }, 401);
    try {
      await changeEmail(db, user, (await formText(c, 'email')).trim());
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return render(c, user, { form: 'email', errors: { email: err.message } }, err.kind === 'taken' ? 409 : 400);
    }
    return done(c, user, { form: 'email', message: { kind: 'ok', text: 'Your e-mail address was changed.' } });
  });

  app.post('/settings/password', async (c) => {
    const user = await account(c);
    if (!(await currentPasswordOk(c, user))) return render(c, user, { form: 'password', errors: { current: 'that is not your current password' } }, 401);
    const session = getCookie(c, cookieSettings(config).session);
    try {
      await changePassword(db, user, await formText(c, 'password'), session ? secretHash(session) : null);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return render(c, user, { form: 'password', errors: { password: err.message } }, 400);
    }
    return done(c, user, { form: 'password', message: { kind: 'ok', text: 'Your password was changed; other browsers were logged out.' } });
  });

  app.post('/settings/tokens', async (c) => {
    const user = await account(c);
    const name = await formText(c, 'name');
    try {
      const { token } = await createApiToken(db, user.id, name);
      return done(c, user, { form: 'token', newToken: { name: name.trim(), token } });
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return render(c, user, { form: 'token', errors: { name: err.message } }, 400);
    }
  });

  app.post('/settings/tokens/:id{[0-9]{1,12}}/revoke', async (c) => {
    const user = await account(c);
    const revoked = await deleteToken(db, user.id, Number(c.req.param('id')));
    if (!revoked) throw notFound('you have no such token (already revoked?)');
    return done(c, user, { form: 'token', message: { kind: 'ok', text: 'The token was revoked; requests with it are now refused.' } });
  });
}
