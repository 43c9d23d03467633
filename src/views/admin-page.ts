// /admin: recent listings, comments and members with their moderation buttons, and the audit log.
import type { AuditEntry } from '../db/audit.ts';
import type { ModeratedComment, ModeratedPaper } from '../db/moderation.ts';
import type { User } from '../db/users.ts';
import { csrfField, notice } from './account-forms.ts';
import { shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { latex, latexToText } from './latex.ts';
import { layout, type Viewer } from './layout.ts';

export interface AdminView {
  viewer: Viewer;
  csrf: string;
  papers: ModeratedPaper[];
  hiddenPapers: ModeratedPaper[];
  comments: ModeratedComment[];
  users: User[];
  audit: AuditEntry[];
  /** A paper or member looked up by id or name. */
  lookup?: { paper?: ModeratedPaper | null; user?: User | null; query: string };
  message?: { kind: 'ok' | 'error'; text: string };
}

const when = (iso: string) => html`<time datetime="${iso}">${shortDate(iso)} ${iso.slice(11, 16)}</time>`;

/**
 * One moderation button. `what` completes its accessible name ("Hide paper “Title”"), since a column of
 * bare "Hide" buttons tells a screen-reader user nothing; a lookup's query rides along in the action
 * URL so the redirect comes back to the same search.
 */
function action(v: AdminView, path: string, label: string, what: string, danger = false): Html {
  const back = v.lookup?.query ? `?q=${encodeURIComponent(v.lookup.query)}` : '';
  return html`<form method="post" action="${path}${back}">${csrfField(v.csrf)}<button type="submit"${danger ? html` class="danger"` : ''}>${label}<span class="visually-hidden"> ${what}</span></button></form>`;
}

function paperRows(v: AdminView, papers: ModeratedPaper[]): Html {
  if (!papers.length) return html`<p class="empty">None.</p>`;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">Paper</th><th scope="col">Listed</th><th scope="col">By</th><th scope="col">Votes</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>${papers.map(
      (p) => html`<tr${p.hidden ? html` class="is-hidden"` : ''}>
        <td><a href="/papers/${p.id}">${latex(p.title)}</a><br><span class="hint">arXiv:${p.id}</span></td>
        <td class="nowrap">${p.day ?? '—'}</td><td>${p.submitter ?? '—'}</td><td>${p.upvotes}</td>
        <td>${p.hidden ? html`<span class="badge warn">hidden</span>` : 'visible'}</td>
        <td class="actions">${p.hidden ? action(v, `/admin/papers/${p.id}/unhide`, 'Unhide', `paper “${latexToText(p.title)}”`) : action(v, `/admin/papers/${p.id}/hide`, 'Hide', `paper “${latexToText(p.title)}”`, true)}</td>
      </tr>`,
    )}</tbody></table></div>`;
}

function commentRows(v: AdminView): Html {
  if (!v.comments.length) return html`<p class="empty">No comments yet.</p>`;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">Comment</th><th scope="col">By</th><th scope="col">When</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>${v.comments.map(
      (cm) => html`<tr${cm.hidden ? html` class="is-hidden"` : ''}>
        <td>${cm.body.length > 280 ? `${cm.body.slice(0, 280)}…` : cm.body}<br><span class="hint">on <a href="/papers/${cm.paperId}#comment-${cm.id}">${latex(cm.paperTitle)}</a></span></td>
        <td><a href="/u/${cm.username}">${cm.username}</a></td><td class="nowrap">${when(cm.createdAt)}</td>
        <td class="actions">${cm.hidden ? html`<span class="badge warn">hidden</span> ${action(v, `/admin/comments/${cm.id}/unhide`, 'Unhide', `comment by ${cm.username}`)}` : action(v, `/admin/comments/${cm.id}/hide`, 'Hide', `comment by ${cm.username}`, true)}</td>
      </tr>`,
    )}</tbody></table></div>`;
}

function userRows(v: AdminView, users: User[]): Html {
  if (!users.length) return html`<p class="empty">None.</p>`;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">Member</th><th scope="col">E-mail</th><th scope="col">Joined</th><th scope="col">Last log-in</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>${users.map(
      (u) => html`<tr${u.suspended ? html` class="is-hidden"` : ''}>
        <td><a href="/u/${u.username}">${u.username}</a>${u.isAdmin ? html` <span class="badge">admin</span>` : ''}</td>
        <td>${u.email ?? '—'}</td><td>${shortDate(u.createdAt)}</td><td>${u.lastLoginAt ? shortDate(u.lastLoginAt) : 'never'}</td>
        <td>${u.suspended ? html`<span class="badge warn">suspended</span>` : 'active'}</td>
        <td class="actions">${u.id === v.viewer.id ? html`<span class="hint">you</span>` : u.suspended ? action(v, `/admin/users/${u.id}/unsuspend`, 'Unsuspend', u.username) : action(v, `/admin/users/${u.id}/suspend`, 'Suspend', u.username, true)}</td>
      </tr>`,
    )}</tbody></table></div>`;
}

function auditRows(v: AdminView): Html {
  if (!v.audit.length) return html`<p class="empty">Nothing has been moderated yet.</p>`;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Did</th><th scope="col">To</th></tr></thead>
    <tbody>${v.audit.map(
      (a) => html`<tr><td class="nowrap">${when(a.createdAt)}</td><td>${a.actorName}</td><td>${a.action}</td>
        <td>${a.targetType} ${a.targetType === 'paper' ? html`<a href="/papers/${a.targetId}">${a.targetId}</a>` : a.targetId}${a.detail ? html` <span class="hint">(${a.detail})</span>` : ''}</td></tr>`,
    )}</tbody></table></div>`;
}

function lookup(v: AdminView): Html {
  const l = v.lookup;
  const result = !l
    ? html``
    : l.paper || l.user
      ? html`${l.paper ? paperRows(v, [l.paper]) : ''}${l.user ? userRows(v, [l.user]) : ''}`
      : html`<p class="empty">No paper or member matches “${l.query}”.</p>`;
  return html`<form method="get" action="/admin" class="inline" role="search">
      <div class="field"><label for="admin-q">Find a paper (arXiv id) or member (username)</label>
      <input id="admin-q" name="q" value="${l?.query ?? ''}" maxlength="80" required></div>
      <button type="submit">Find</button>
    </form>${result}`;
}

export function adminPage(v: AdminView): Html {
  return layout({
    title: 'Moderation',
    section: 'admin',
    viewer: v.viewer,
    csrf: v.csrf,
    body: html`<h1>Moderation</h1>
    <p class="sub">Hidden papers and comments disappear from every list, page, feed and API answer; suspended members cannot log in, post or vote. · <a href="/admin/mail">Mail and job queue</a></p>
    ${v.message ? notice(v.message.kind, v.message.text) : ''}
    <section class="panel" aria-labelledby="find-h"><h2 id="find-h">Find</h2>${lookup(v)}</section>
    <section class="panel" aria-labelledby="papers-h"><h2 id="papers-h">Recent listings</h2>${paperRows(v, v.papers)}</section>
    ${v.hiddenPapers.length ? html`<section class="panel" aria-labelledby="hidden-h"><h2 id="hidden-h">Hidden papers</h2>${paperRows(v, v.hiddenPapers)}</section>` : ''}
    <section class="panel" aria-labelledby="comments-h"><h2 id="comments-h">Recent comments</h2>${commentRows(v)}</section>
    <section class="panel" aria-labelledby="users-h"><h2 id="users-h">Newest members</h2>${userRows(v, v.users)}</section>
    <section class="panel" aria-labelledby="audit-h"><h2 id="audit-h">Audit log</h2>${auditRows(v)}</section>`,
  });
}
