import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HF_SAMPLE } from '../../test/support.ts';
import { detectFormat, parseHfItem, parsePaperboy, RecordError } from './formats.ts';

const sample = JSON.parse(readFileSync(HF_SAMPLE, 'utf8')) as unknown[];

describe('detectFormat', () => {
  it('recognises each format by its first bytes', () => {
    expect(detectFormat('[{"paper": {"id": "2508.02324"}}]')).toBe('hf-api');
    expect(detectFormat('{"paper": {"id": "2508.02324"}}\n')).toBe('hf-api');
    expect(detectFormat('\uFEFF{"arxiv_id": "2508.02324", "title": "x"}\n')).toBe('paperboy');
    expect(detectFormat('{"_id": "4983", "title": "", "text": "x"}\n')).toBe('beir');
    expect(detectFormat('<?xml version="1.0"?><feed/>')).toBe('arxiv');
    expect(detectFormat('{"arxiv_id": "2508.0232')).toBe('paperboy');
    expect(detectFormat('id,title\n1,x')).toBeNull();
    expect(detectFormat('{"name": "something else"}')).toBeNull();
  });
});

describe('hf-api items', () => {
  it('reads the real 2025-08-05 response', () => {
    const first = parseHfItem(sample[0]);
    expect(first.id).toBe('2508.02324');
    expect(first.title).toBe('Qwen-Image Technical Report');
    expect(first.upvotes).toBe(20);
    expect(first.numComments).toBe(1);
    expect(first.authors).toHaveLength(39);
    expect(first.authors![0]).toEqual({ name: 'Chenfei Wu', _id: '68919a57f01a094725f83598' });
    expect(first.publishedAt).toBe('2025-08-04T11:49:20.000Z');
    expect(first.daily).toMatchObject({ day: '2025-08-05', submittedAt: '2025-08-05T04:39:37.929Z' });
    expect(first.daily!.submitter).toMatchObject({ user: 'LooperXX', fullname: 'Xiao Xu' });
    expect(first.abstract).toMatch(/^We present Qwen-Image/);
    expect(sample.map((item) => parseHfItem(item).daily!.day)).toEqual(Array(13).fill('2025-08-05'));
  });

  it("keeps what Hugging Face says beyond arXiv, and drops a malformed decoration instead of the paper", () => {
    const item = {
      paper: {
        id: '2608.00001', title: 'T', githubRepo: 'https://github.com/a/b', githubStars: 7, githubRepoAddedBy: 'user', ai_summary: 'S', ai_summary_model: 'm',
        organization: { _id: 'o1', name: 'org', fullname: 'Org', avatar: 'https://x/a.png' }, mediaUrls: ['https://x/v.mp4'],
        authors: [{ _id: 'a1', name: 'A', hidden: false, user: { user: 'ua' }, status: 'claimed_verified', statusLastChangedAt: '2026-08-01T00:00:00.000Z' }, { _id: 'a2', name: 'B', hidden: false }],
      },
    };
    expect(parseHfItem(item)).toMatchObject({
      githubStars: 7, githubRepoAddedBy: 'user', aiSummaryModel: 'm', mediaUrls: ['https://x/v.mp4'],
      organization: { _id: 'o1', name: 'org', fullname: 'Org', avatar: 'https://x/a.png' },
      authors: [{ _id: 'a1', name: 'A', user: { user: 'ua' }, status: 'claimed_verified', statusLastChangedAt: '2026-08-01T00:00:00.000Z' }, { _id: 'a2', name: 'B' }],
    });
    expect(parseHfItem(item).authors![1]).toEqual({ _id: 'a2', name: 'B' });
    const odd = parseHfItem({ paper: { ...item.paper, organization: 'org', mediaUrls: 'x', authors: [{ name: 'A', user: 'ua' }] } });
    expect(odd).toMatchObject({ organization: null, mediaUrls: null, authors: [{ name: 'A' }] });
    // Stars without a repository describe nothing.
    expect(parseHfItem({ paper: { id: '2608.00001', title: 'T', githubStars: 7 } }).githubStars).toBeNull();
  });

  it('says what is wrong with a bad item', () => {
    expect(() => parseHfItem({ paper: { id: '2508.02324' } })).toThrow(/paper\.title/);
    expect(() => parseHfItem({ paper: { id: 'not-an-id', title: 'x' } })).toThrow(RecordError);
    expect(() => parseHfItem({ paper: { id: '2508.02324', title: 'x', submittedOnDailyAt: '2025-02-30T00:00:00Z' } })).toThrow(/submittedOnDailyAt/);
  });
});

describe('paperboy lines', () => {
  it('reads a line of the Daily Papers history', () => {
    const p = parsePaperboy({
      arxiv_id: '2312.11462', title: 'Cascade Speculative Drafting', authors: ['Ziyi Chen'], abstract: 'Introduced…',
      published_at: null, daily_date: '2023-12-19', upvotes: 5, github_url: null, num_comments: null, source_repo: ['x'],
    });
    expect(p).toMatchObject({ id: '2312.11462', upvotes: 5, daily: { day: '2023-12-19', submittedAt: '2023-12-19T00:00:00.000Z' } });
    expect(p.authors).toEqual([{ name: 'Ziyi Chen' }]);
  });

  it('accepts papers known only by title (no abstract, no authors)', () => {
    const p = parsePaperboy({ arxiv_id: '2311.10111', title: 'VideoCon', authors: [], abstract: null, daily_date: '2023-11-20', upvotes: null });
    expect(p.abstract).toBeNull();
    expect(p.upvotes).toBeNull();
  });

  it('keeps categories and a version from the arXiv metadata format', () => {
    const p = parsePaperboy({ arxiv_id: '1711.08058v2', title: 'KWS', abstract: 'x', authors: ['A'], categories: ['cs.LG', 'cs.CL'], published_at: '2025-03-18' });
    expect(p).toMatchObject({ id: '1711.08058', version: 2, categories: ['cs.LG', 'cs.CL'], publishedAt: '2025-03-18T00:00:00.000Z', daily: null });
  });

  it('names the field that is wrong', () => {
    expect(() => parsePaperboy({ arxiv_id: '2312.11462' })).toThrow(/title/);
    expect(() => parsePaperboy({ arxiv_id: '2312.11462', title: 'x', daily_date: '2023-13-45' })).toThrow(/daily_date/);
    expect(() => parsePaperboy({ arxiv_id: '2312.11462', title: 'x', upvotes: -3 })).toThrow(/upvotes/);
    expect(() => parsePaperboy({ arxiv_id: 'hello', title: 'x' })).toThrow(/not an arXiv id/);
  });

  it('says in words what is wrong, not in the validator\'s', () => {
    const message = (record: unknown) => {
      try {
        parsePaperboy(record);
      } catch (e) {
        return (e as Error).message;
      }
      return null;
    };
    expect(message({ arxiv_id: '2312.11462' })).toBe('the record has no "title"');
    expect(message({ arxiv_id: '2312.11462', title: ' ' })).toBe('"title" is empty');
    expect(message({ arxiv_id: '2312.11462', title: 7 })).toBe('"title" must be a string (it is a number)');
    expect(message({ arxiv_id: '2312.11462', title: 'x', authors: ['A', 2] })).toBe('"authors.1" must be a string (it is a number)');
    expect(message({ arxiv_id: '2312.11462', title: 'x', upvotes: -3 })).toBe('"upvotes" must be a whole number, 0 or more');
    expect(message(['2312.11462'])).toBe('each record must be a JSON object, not a list');
    expect(() => parseHfItem({ paper: { id: '2508.02324' } })).toThrow('the item has no "paper.title"');
  });
});
