// The OAI-PMH parser on recorded ListRecords pages in both arXiv metadata formats.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../../test/arxiv-fixture.ts';
import { parseArxivDocument } from './document.ts';
import { OaiError, parseOaiPage, splitAuthors } from './oai.ts';
import { ArxivFormatError } from './xml.ts';

const recording = (name: string) => readFileSync(join(FIXTURE_DIR, 'oai', name), 'utf8');

describe('parseOaiPage, metadataPrefix=arXiv', () => {
  it('reads structured authors, dates and categories, and the resumption token', () => {
    const page = parseOaiPage(recording('arXiv-1.xml'));
    expect(page.resumptionToken).toBe('7200005|1001');
    expect(page.completeListSize).toBe(7);
    expect(page.deleted).toEqual([]);
    expect(page.records.map((r) => r.id)).toEqual(['2505.09814', '2505.10352', '2505.22815']);
    expect(page.records[0]).toEqual({
      id: '2505.09814',
      title: '$XX^{t}$ Can Be Faster',
      abstract: expect.stringMatching(/^We present RXTX, .* Combinatorial Optimization\.$/),
      comment: 'improved presentation',
      categories: ['cs.DS', 'cs.AI', 'cs.LG', 'cs.SC'],
      githubUrl: null,
      authors: [{ name: 'Dmitry Rybin' }, { name: 'Yushun Zhang' }, { name: 'Zhi-Quan Luo' }],
      publishedAt: '2025-05-14T00:00:00.000Z',
      updatedAt: '2025-05-16T00:00:00.000Z',
    });
    // A paper with one version: updated is its creation day.
    expect(page.records[1]).toMatchObject({ id: '2505.10352', publishedAt: '2025-05-15T00:00:00.000Z', updatedAt: '2025-05-15T00:00:00.000Z' });
  });

  it('the last page has an empty token and skips deleted records, listing them apart', () => {
    const page = parseOaiPage(recording('arXiv-2.xml'));
    expect(page.resumptionToken).toBeNull();
    expect(page.deleted).toEqual(['2506.01234']);
    expect(page.records.map((r) => r.id)).toEqual(['2506.00358', '2506.19852', '2507.10522']);
    expect(page.records[2]!.authors).toEqual([{ name: "Jennifer D'Souza" }, { name: 'Endres Keno Sander' }, { name: 'Andrei Aioanei' }]);
  });
});

describe('parseOaiPage, metadataPrefix=arXivRaw', () => {
  it('reads every version with its date: published = v1, updated = latest', () => {
    const page = parseOaiPage(recording('arXivRaw-2.xml'));
    expect(page.records[0]).toMatchObject({
      id: '2506.00358',
      version: 2,
      versions: [
        { version: 1, submittedAt: '2025-05-31T15:06:18.000Z' },
        { version: 2, submittedAt: '2025-10-24T01:50:26.000Z' },
      ],
      publishedAt: '2025-05-31T15:06:18.000Z',
      updatedAt: '2025-10-24T01:50:26.000Z',
      categories: ['cs.SD', 'cs.AI', 'cs.LG', 'eess.AS'],
    });
    expect(page.records[0]!.authors!.map((a) => a.name)).toEqual([
      'Sarthak Kumar Maharana', 'Saksham Singh Kushwaha', 'Baoming Zhang', 'Adrian Rodriguez', 'Songtao Wei', 'Yapeng Tian', 'Yunhui Guo',
    ]);
    expect(page.records[2]).toMatchObject({ id: '2507.10522', version: 1, versions: [{ version: 1, submittedAt: '2025-07-14T18:22:24.000Z' }] });
  });

  it('splits an author line on commas and "and", dropping affiliations', () => {
    expect(splitAuthors('A. Smith (MIT, Cambridge), B. Jones, C. Wu and D. Li')).toEqual(['A. Smith', 'B. Jones', 'C. Wu', 'D. Li']);
    expect(splitAuthors('X. Ray, Y. Zed, and Q. Anders')).toEqual(['X. Ray', 'Y. Zed', 'Q. Anders']);
    expect(splitAuthors('Alexander Anderson')).toEqual(['Alexander Anderson']);
    expect(splitAuthors('ATLAS Collaboration')).toEqual(['ATLAS Collaboration']);
  });
});

describe('OAI-PMH errors', () => {
  const error = (code: string) => recording('error.xml').replace('{{CODE}}', code).replace('{{MESSAGE}}', 'explained');
  it('noRecordsMatch is an empty last page', () => {
    expect(parseOaiPage(error('noRecordsMatch'))).toEqual({ records: [], deleted: [], resumptionToken: null, completeListSize: 0 });
  });
  it('any other error code is an OaiError naming it', () => {
    expect(() => parseOaiPage(error('badResumptionToken'))).toThrow(new OaiError('badResumptionToken', 'explained'));
  });
});

describe('parseArxivDocument (import --format arxiv)', () => {
  it('tells an Atom feed from an OAI-PMH page', () => {
    expect(parseArxivDocument(readFileSync(join(FIXTURE_DIR, 'api/hep-th_9711200.xml'), 'utf8')).map((p) => p.id)).toEqual(['hep-th/9711200']);
    expect(parseArxivDocument(recording('arXivRaw-1.xml')).map((p) => p.id)).toEqual(['2505.09814', '2505.10352', '2505.22815']);
  });
  it('names the root element it does not know', () => {
    expect(() => parseArxivDocument('<?xml version="1.0"?><rss><channel/></rss>')).toThrow(
      new ArxivFormatError('the root element is <rss>, expected an arXiv API <feed> or an OAI-PMH <OAI-PMH> response'),
    );
  });
});
