import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsByUser, setCommentHidden } from '../db/comments.ts';
import { getPaper } from '../db/daily.ts';
import { insertUser } from '../db/users.ts';
import { addPapers, buildPaper, DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { addComment, buildThread, checkCommentBody, commentThread, deleteComment, editComment, MAX_COMMENT_CHARS } from './comments.ts';

describe('comment bodies', () => {
  it('are trimmed, and refused when empty or too long with a message saying so', () => {
    expect(checkCommentBody('  hello\r\nworld  ')).toBe('hello\nworld');
    expect(() => checkCommentBody('   ')).toThrow('body: the comment is empty');
    expect(() => checkCommentBody(42)).toThrow('body: write the comment as a string');
    expect(() => checkCommentBody('x'.repeat(MAX_COMMENT_CHARS + 1))).toThrow(/at most 10,000 characters; this one has 10,001/);
  });
});

describe.each(DATABASES)('comments on $name', ({ name }) => {
  let t: TestEnv;
  let ada: number;
  let alan: number;
  const paper = buildPaper({ numComments: 2, daily: { day: '2025-08-05', submittedAt: '2025-08-05T10:00:00.000Z' } });
  const other = buildPaper();

  beforeAll(async () => {
    t = await testEnv(name);
    await addPapers(t.db, [paper, other]);
    const now = new Date().toISOString();
    ada = (await insertUser(t.db, { username: 'ada', email: 'ada@example.org', passwordHash: null }, now)).id;
    alan = (await insertUser(t.db, { username: 'alan', email: 'alan@example.org', passwordHash: null }, now)).id;
  });
  afterAll(() => t.close());

  const count = async (id = paper.id) => (await getPaper(t.db, id))!.numComments;

  it('threads replies under their parent and counts them on top of the imported comments', async () => {
    const first = await addComment(t.db, { paperId: paper.id, userId: ada, body: 'Nice result' });
    const reply = await addComment(t.db, { paperId: paper.id, userId: alan, body: 'Agreed', parentId: first.id });
    await addComment(t.db, { paperId: paper.id, userId: ada, body: 'Thanks', parentId: reply.id });
    expect(first).toMatchObject({ paperId: paper.id, parentId: null, username: 'ada', body: 'Nice result', editedAt: null });
    const thread = await commentThread(t.db, paper.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.replies[0]!.comment.body).toBe('Agreed');
    expect(thread[0]!.replies[0]!.replies[0]!.comment.body).toBe('Thanks');
    expect(await count()).toBe(5);
  });

  it('refuses a reply to a comment on another paper, or to one that does not exist', async () => {
    const elsewhere = await addComment(t.db, { paperId: other.id, userId: ada, body: 'Elsewhere' });
    await expect(addComment(t.db, { paperId: paper.id, userId: ada, body: 'x', parentId: elsewhere.id })).rejects.toMatchObject({ status: 400 });
    await expect(addComment(t.db, { paperId: paper.id, userId: ada, body: 'x', parentId: 999_999 })).rejects.toThrow(/parent_id: there is no comment 999999/);
    await expect(addComment(t.db, { paperId: '2501.99999', userId: ada, body: 'x' })).rejects.toMatchObject({ status: 404 });
    expect(await count()).toBe(5);
  });

  it('lets only the author edit, and marks the edit', async () => {
    const [first] = await commentThread(t.db, paper.id);
    await expect(editComment(t.db, { paperId: paper.id, commentId: first!.comment.id, userId: alan, body: 'hijack' })).rejects.toMatchObject({ status: 403 });
    const edited = await editComment(t.db, { paperId: paper.id, commentId: first!.comment.id, userId: ada, body: 'Very nice result' });
    expect(edited.body).toBe('Very nice result');
    expect(edited.editedAt).not.toBeNull();
  });

  it('keeps a deleted comment with replies as a placeholder and drops one without', async () => {
    const [first] = await commentThread(t.db, paper.id);
    await expect(deleteComment(t.db, { paperId: paper.id, commentId: first!.comment.id, userId: alan })).rejects.toMatchObject({ status: 403 });
    await deleteComment(t.db, { paperId: paper.id, commentId: first!.comment.id, userId: ada });
    const leaf = await addComment(t.db, { paperId: paper.id, userId: alan, body: 'Short-lived' });
    await deleteComment(t.db, { paperId: paper.id, commentId: leaf.id, userId: alan });
    const thread = await commentThread(t.db, paper.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ state: 'deleted', comment: { body: '' } });
    expect(thread[0]!.replies[0]!.comment.body).toBe('Agreed');
    expect(await count()).toBe(4);
    await expect(editComment(t.db, { paperId: paper.id, commentId: first!.comment.id, userId: ada, body: 'back' })).rejects.toMatchObject({ status: 404 });
    await expect(addComment(t.db, { paperId: paper.id, userId: alan, body: 'x', parentId: first!.comment.id })).rejects.toThrow(/was deleted/);
  });

  it('hides a comment for moderators: its text is gone everywhere and the count follows', async () => {
    const thread = await commentThread(t.db, paper.id);
    const agreed = thread[0]!.replies[0]!.comment;
    expect(await setCommentHidden(t.db, agreed.id, true)).toBe(paper.id);
    const after = await commentThread(t.db, paper.id);
    expect(after[0]!.replies[0]).toMatchObject({ state: 'removed' });
    expect(after[0]!.replies[0]!.replies[0]!.comment.body).toBe('Thanks');
    expect(await count()).toBe(3);
    expect((await commentsByUser(t.db, alan, 10)).map((c) => c.body)).not.toContain('Agreed');
    expect(await setCommentHidden(t.db, agreed.id, false)).toBe(paper.id);
    expect(await count()).toBe(4);
    expect(await setCommentHidden(t.db, 999_999, true)).toBeNull();
  });
});

describe('threads', () => {
  const c = (id: number, parentId: number | null, extra: object = {}) => ({
    id, parentId, paperId: 'p', userId: 1, username: 'u', body: `c${id}`, createdAt: '', editedAt: null, deletedAt: null, hidden: false, ...extra,
  });
  it('drop hidden and deleted comments without visible replies, however deep', () => {
    const thread = buildThread([c(1, null, { hidden: true }), c(2, 1, { deletedAt: 'x' }), c(3, null), c(4, 3, { deletedAt: 'x' }), c(5, 2)]);
    expect(thread.map((n) => [n.comment.id, n.state])).toEqual([[1, 'removed'], [3, 'visible']]);
    expect(thread[0]!.replies[0]!.replies[0]!.comment.id).toBe(5);
    expect(thread[1]!.replies).toEqual([]);
  });
});
