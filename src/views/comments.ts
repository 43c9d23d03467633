// The comment thread under a paper: the form for a new comment, then each comment with its replies
// nested below it. Reply and edit forms sit in <details>, so they work without JavaScript.
import type { CommentNode } from '../domain/comments.ts';
import { MAX_COMMENT_CHARS } from '../domain/comments.ts';
import { plural, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import type { Viewer } from './layout.ts';
import { renderMarkdown } from './markdown.ts';
import { huggingFacePage } from './paper-card.ts';

export interface CommentsOptions {
  paperId: string;
  thread: CommentNode[];
  count: number;
  /** Comments the paper has on Hugging Face (counted when imported), not shown here. */
  elsewhere: number;
  viewer: Viewer | null;
  csrf: string;
  /** A refused post, shown again in its form. */
  draft?: CommentDraft | null;
}

/** What a refused comment form sent (an empty comment, say), shown again in that form with the reason. */
export interface CommentDraft {
  /** The form: a new comment (null), a reply to this comment, … */
  parentId: number | null;
  /** … or the edit form of this comment. */
  editId: number | null;
  body: string;
  error: string;
}

const HINT = 'Markdown works, and $…$ for math.';

/** The text box; with a refused draft it holds the draft, says why next to it and takes the cursor. */
function bodyField(id: string, label: Html | string, value = '', placeholder = '', error = ''): Html {
  return html`<label for="${id}">${label}</label>
    <textarea id="${id}" name="body" rows="4" required maxlength="${MAX_COMMENT_CHARS}"${placeholder ? html` placeholder="${placeholder}"` : ''}${
      error ? html` aria-invalid="true" aria-describedby="${id}-error" autofocus` : ''}>${value}</textarea>
    ${error ? html`<p class="field-error" id="${id}-error" role="alert">${error}</p>` : ''}`;
}

/** The draft that belongs in the form for a new comment or reply (parentId), or for editing (editId). */
function draftIn(o: CommentsOptions, form: { parentId?: number | null; editId?: number }): CommentDraft | null {
  const d = o.draft;
  if (!d) return null;
  return form.editId !== undefined ? (d.editId === form.editId ? d : null) : d.editId === null && d.parentId === form.parentId ? d : null;
}

function commentForm(o: CommentsOptions, parentId: number | null): Html {
  const id = parentId === null ? 'comment-new' : `reply-to-${parentId}`;
  const draft = draftIn(o, { parentId });
  return html`<form class="comment-form" method="post" action="/papers/${o.paperId}/comments" data-comment-form>
    <input type="hidden" name="_csrf" value="${o.csrf}">
    ${parentId === null ? '' : html`<input type="hidden" name="parent_id" value="${parentId}">`}
    ${bodyField(id, parentId === null ? 'Add a comment' : 'Your reply', draft?.body ?? '', parentId === null ? 'What do you think of this paper?' : '', draft?.error)}
    <p class="form-foot"><span class="hint">${HINT}</span><button type="submit" class="primary">${parentId === null ? 'Comment' : 'Reply'}</button></p>
  </form>`;
}

function time(iso: string): Html {
  return html`<time datetime="${iso}" title="${iso.slice(0, 16).replace('T', ' ')} UTC">${shortDate(iso)}</time>`;
}

function actions(o: CommentsOptions, node: CommentNode): Html {
  const c = node.comment;
  if (!o.viewer || node.state !== 'visible') return html``;
  const own = o.viewer.id === c.userId;
  const edit = own ? draftIn(o, { editId: c.id }) : null;
  const open = (draft: CommentDraft | null) => (draft ? html` open` : '');
  return html`<div class="comment-actions">
    <details class="reply"${open(draftIn(o, { parentId: c.id }))}><summary>Reply</summary>${commentForm(o, c.id)}</details>
    ${own
      ? html`<details class="edit"${open(edit)}><summary>Edit</summary>
        <form class="comment-form" method="post" action="/papers/${o.paperId}/comments/${c.id}/edit">
          <input type="hidden" name="_csrf" value="${o.csrf}">
          ${bodyField(`edit-${c.id}`, 'Edit your comment', edit?.body ?? c.body, '', edit?.error)}
          <p class="form-foot"><span class="hint">${HINT}</span><button type="submit" class="primary">Save</button></p>
        </form></details>
      <form class="comment-delete" method="post" action="/papers/${o.paperId}/comments/${c.id}/delete" data-confirm="Delete this comment?">
        <input type="hidden" name="_csrf" value="${o.csrf}"><button type="submit" class="linkish">Delete</button>
      </form>`
      : ''}
  </div>`;
}

// Replies nest this deep; deeper ones continue at this level, each saying whom it answers, so a
// long exchange stays readable on a phone.
const MAX_DEPTH = 5;

/** A comment's list item, then (past MAX_DEPTH) its replies as items of the same list. */
function commentItems(o: CommentsOptions, node: CommentNode, depth: number, replyingTo: string | null): Html[] {
  const c = node.comment;
  const shown = node.state === 'visible';
  const nested = depth < MAX_DEPTH;
  const item = html`<li class="comment" id="comment-${c.id}">
  <article aria-label="${shown ? `Comment by ${c.username}` : 'Deleted comment'}">
    ${shown
      ? html`<p class="comment-meta"><a class="author" href="/u/${encodeURIComponent(c.username)}">${c.username}</a> · <a href="#comment-${c.id}">${time(c.createdAt)}</a>${c.editedAt ? html` · <span title="edited ${c.editedAt.slice(0, 16).replace('T', ' ')} UTC">edited</span>` : ''}${replyingTo ? html` · <a href="#comment-${c.parentId}">replying to ${replyingTo}</a>` : ''}</p>
    <div class="comment-body">${renderMarkdown(c.body)}</div>`
      : html`<p class="comment-gone">${node.state === 'deleted' ? '[deleted]' : '[removed by a moderator]'}</p>`}
    ${actions(o, node)}
  </article>
  ${nested && node.replies.length ? html`<ol class="thread">${node.replies.flatMap((r) => commentItems(o, r, depth + 1, null))}</ol>` : ''}
</li>`;
  if (nested) return [item];
  const name = shown ? c.username : node.state === 'deleted' ? '[deleted]' : '[removed]';
  return [item, ...node.replies.flatMap((r) => commentItems(o, r, depth, name))];
}

/** Comments counted on Hugging Face are not copied here: say so, and lead there. */
function elsewhereNote(o: CommentsOptions): Html {
  const one = o.elsewhere === 1;
  const what = o.count ? `${plural(o.elsewhere, 'more comment')} ${one ? 'is' : 'are'}` : `This paper has ${plural(o.elsewhere, 'comment')}`;
  return html`<p class="elsewhere">${what} on Hugging Face, not shown here: <a href="${huggingFacePage(o.paperId)}" rel="noopener">read ${one ? 'it' : 'them'} on Hugging Face</a>.</p>`;
}

/** Ids of the comments that have a reply form (visible ones). */
function replyable(nodes: CommentNode[], into = new Set<number>()): Set<number> {
  for (const n of nodes) {
    if (n.state === 'visible') into.add(n.comment.id);
    replyable(n.replies, into);
  }
  return into;
}

export function commentsSection(options: CommentsOptions): Html {
  // A refused reply to a comment that has since gone is shown in the form for a new comment.
  const d = options.draft;
  const o = d && d.editId === null && d.parentId !== null && !replyable(options.thread).has(d.parentId) ? { ...options, draft: { ...d, parentId: null } } : options;
  const next = encodeURIComponent(`/papers/${o.paperId}#comments`);
  return html`<section class="comments" aria-labelledby="comments">
  <h2 id="comments">Comments${o.count ? html` <span class="count">${plural(o.count, 'comment')}</span>` : ''}</h2>
  ${o.viewer
    ? commentForm(o, null)
    : html`<p class="join"><a href="/login?next=${next}">Log in</a> or <a href="/signup?next=${next}">sign up</a> to comment.</p>`}
  ${o.elsewhere ? elsewhereNote(o) : ''}
  ${o.thread.length
    ? html`<ol class="thread top">${o.thread.flatMap((n) => commentItems(o, n, 0, null))}</ol>`
    : html`<p class="empty">No comments here yet.${o.viewer ? ' Start the discussion.' : ''}</p>`}
</section>`;
}
