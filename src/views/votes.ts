// The upvote control on list cards and the paper page. Members get a form that works without
// JavaScript (public/community.js turns it into an in-place toggle); anonymous readers get a link
// to log in, so pages served to them carry no per-visitor token and can be cached.
import { html, type Html } from './html.ts';
import type { VoteContext } from './paper-card.ts';

const countOf = (n: number) =>
  html`<strong data-vote-count>${n.toLocaleString('en-US')}</strong><span class="visually-hidden" data-vote-unit> ${n === 1 ? 'upvote' : 'upvotes'}</span>`;

export function voteControl(paper: { id: string; upvotes: number }, ctx: VoteContext): Html {
  if (!ctx.viewer) {
    return html`<div class="votes">
    <a class="vote-button" href="/login?next=${encodeURIComponent(`/papers/${paper.id}`)}" data-login-link title="Log in to upvote"><span aria-hidden="true">▲</span><span class="visually-hidden">Log in to upvote</span></a>
    ${countOf(paper.upvotes)}
  </div>`;
  }
  return html`<div class="votes${ctx.voted ? ' voted' : ''}">
    <form method="post" action="/papers/${paper.id}/upvote" data-vote="${paper.id}">
      <input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}">
      <input type="hidden" name="vote" value="${ctx.voted ? 'down' : 'up'}">
      <button type="submit" class="vote-button" aria-pressed="${ctx.voted ? 'true' : 'false'}" title="${ctx.voted ? 'Take back your upvote' : 'Upvote'}"><span aria-hidden="true">▲</span><span class="visually-hidden">Upvote</span></button>
    </form>
    ${countOf(paper.upvotes)}
  </div>`;
}
