import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../db/comments.ts';
import { buildThread } from '../domain/comments.ts';
import { commentsSection } from './comments.ts';

const comment = (id: number, parentId: number | null, username = `user${id}`, extra: Partial<CommentRecord> = {}): CommentRecord => ({
  id, parentId, paperId: '2508.00001', userId: id, username, body: `body ${id}`, createdAt: '2025-08-05T10:00:00.000Z', editedAt: null, deletedAt: null, hidden: false, ...extra,
});
const render = (rows: CommentRecord[], viewer: { id: number; username: string; isAdmin: boolean } | null = null) => {
  const thread = buildThread(rows);
  return commentsSection({ paperId: '2508.00001', thread, count: rows.length, elsewhere: 0, viewer, csrf: 'token' }).value;
};
const depthOf = (html: string, id: number) => {
  const before = html.slice(0, html.indexOf(`id="comment-${id}"`));
  return (before.match(/<ol class="thread/g) ?? []).length - (before.match(/<\/ol>/g) ?? []).length;
};

describe('the comment thread', () => {
  it('nests replies five levels deep, then continues at that level saying whom each reply answers', () => {
    const chain = Array.from({ length: 8 }, (_, i) => comment(i + 1, i === 0 ? null : i));
    const html = render(chain);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((id) => depthOf(html, id))).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    expect(html).toContain('<a href="#comment-6">replying to user6</a>');
    expect(html).toContain('<a href="#comment-7">replying to user7</a>');
    expect(html).not.toContain('replying to user5');
  });

  it('offers reply forms to members, and edit and delete only on their own comments', () => {
    const html = render([comment(1, null, 'ada'), comment(2, 1, 'alan')], { id: 1, username: 'ada', isAdmin: false });
    expect(html).toContain('<input type="hidden" name="parent_id" value="1">');
    expect(html).toContain('<input type="hidden" name="parent_id" value="2">');
    expect(html).toContain('action="/papers/2508.00001/comments/1/edit"');
    expect(html).not.toContain('action="/papers/2508.00001/comments/2/edit"');
    expect(html).toContain('action="/papers/2508.00001/comments/1/delete" data-confirm="Delete this comment?"');
    expect(render([comment(1, null)])).not.toContain('name="parent_id"');
  });

  it('shows a removed comment\'s place but not its author or text', () => {
    const html = render([comment(1, null, 'spammer', { hidden: true, body: 'buy pills' }), comment(2, 1)]);
    expect(html).toContain('[removed by a moderator]');
    expect(html).not.toContain('spammer');
    expect(html).not.toContain('buy pills');
  });
});
