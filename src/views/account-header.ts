// The account corner of every page header: who is logged in (with links to their page, settings
// and /admin) and a log-out button, or log-in and sign-up links. Pages that do not pass the viewer
// (error pages, say) still show it: it is read from the request being answered.
import { tryGetContext } from 'hono/context-storage';
import type { AppEnv } from '../app.ts';
import { html } from './html.ts';
import { addHeaderSlot, type PageOptions } from './layout.ts';

function accountCorner(page: PageOptions) {
  const c = tryGetContext<AppEnv>();
  const viewer = page.viewer ?? c?.var.viewer ?? null;
  if (!viewer) {
    // The same for every anonymous visitor (no token, no name), so anonymous pages stay cacheable.
    return html`<a href="/login">Log in</a> <a class="button primary" href="/signup">Sign up</a>`;
  }
  const csrf = page.csrf ?? c?.var.csrf ?? '';
  return html`<a class="who" href="/u/${viewer.username}" title="Your page">${viewer.username}</a>
  <a href="/settings"${page.section === 'account' ? html` aria-current="page"` : ''}>Settings</a>
  ${viewer.isAdmin ? html`<a href="/admin"${page.section === 'admin' ? html` aria-current="page"` : ''}>Admin</a>` : ''}
  <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="linkish">Log out</button></form>`;
}

addHeaderSlot(accountCorner);
