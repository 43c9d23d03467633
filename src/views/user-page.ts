// /u/USERNAME: a member's submissions, upvotes and comments, one tab at a time, newest first.
import type { ActivityCounts, ActivityPaper } from '../db/user-activity.ts';
import { plural, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { latex } from './latex.ts';
import { commentLinks } from './paper-card.ts';
import { layout, type Viewer } from './layout.ts';

export type UserTab = 'submissions' | 'upvotes' | 'comments';

export interface UserComment {
  id: number;
  paperId: string;
  paperTitle: string;
  createdAt: string;
  body: Html;
}

export interface UserPageView {
  viewer: Viewer | null;
  user: { username: string; createdAt: string; isAdmin: boolean; suspended: boolean };
  counts: ActivityCounts;
  tab: UserTab;
  papers: ActivityPaper[];
  comments: UserComment[];
  pages: { prev: string | null; next: string | null };
}

const TABS: [UserTab, string][] = [['submissions', 'Submitted'], ['upvotes', 'Upvoted'], ['comments', 'Comments']];

function paperItem(p: ActivityPaper, tab: UserTab): Html {
  return html`<li>
    <a href="/papers/${p.id}">${latex(p.title)}</a>
    <p class="meta"><span>${plural(p.upvotes, 'upvote')}</span>${commentLinks(p)}
      <span class="when">${tab === 'submissions' ? html`listed on <a href="/papers/date/${p.day ?? ''}">${shortDate(p.at)}</a>` : `upvoted ${shortDate(p.at)}`}</span></p>
  </li>`;
}

function commentItem(c: UserComment): Html {
  return html`<li>
    <p class="when">On <a href="/papers/${c.paperId}#comment-${c.id}">${latex(c.paperTitle)}</a> · ${shortDate(c.createdAt)}</p>
    <div class="comment-body">${c.body}</div>
  </li>`;
}

const EMPTY: Record<UserTab, string> = {
  submissions: 'has not submitted any papers yet.',
  upvotes: 'has not upvoted any papers yet.',
  comments: 'has not commented yet.',
};

export function userPage(v: UserPageView): Html {
  const base = `/u/${encodeURIComponent(v.user.username)}`;
  const items = v.tab === 'comments' ? v.comments.map(commentItem) : v.papers.map((p) => paperItem(p, v.tab));
  return layout({
    title: `${v.user.username}`,
    description: `${v.user.username} on paperboy: submitted papers, upvotes and comments.`,
    viewer: v.viewer,
    body: html`<div class="profile-head">
      <h1>${v.user.username}</h1>
      ${v.user.isAdmin ? html`<span class="badge">administrator</span>` : ''}
      ${v.user.suspended && v.viewer?.isAdmin ? html`<span class="badge warn">suspended</span>` : ''}
      <p class="sub">Member since ${shortDate(v.user.createdAt)}</p>
    </div>
    <nav aria-label="Activity"><ul class="tabs">
      ${TABS.map(([tab, label]) => html`<li><a href="${tab === 'submissions' ? base : `${base}?tab=${tab}`}"${tab === v.tab ? html` aria-current="page"` : ''}>${label} <span class="count">${v.counts[tab].toLocaleString('en-US')}</span></a></li>`)}
    </ul></nav>
    ${items.length ? html`<ul class="activity">${items}</ul>` : html`<p class="empty">${v.user.username} ${EMPTY[v.tab]}</p>`}
    ${v.pages.prev || v.pages.next
      ? html`<nav class="pages" aria-label="Pages">
          ${v.pages.prev ? html`<a class="button" rel="prev" href="${v.pages.prev}">← Newer</a>` : html`<span></span>`}
          ${v.pages.next ? html`<a class="button" rel="next" href="${v.pages.next}">Older →</a>` : ''}
        </nav>`
      : ''}`,
  });
}
