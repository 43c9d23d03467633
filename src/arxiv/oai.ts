// Reading arXiv's OAI-PMH ListRecords pages in the `arXiv` and `arXivRaw` metadata formats: the
// papers, the deleted records, and the resumption token that leads to the next page.
import type { Author, PaperInput } from '../domain/paper.ts';
import {
  ArxivFormatError, arxivRef, child, collapse, findGithubUrl, isoTime, list, orderCategories, parseXml, text, type XmlNode,
} from './xml.ts';

export interface OaiPage {
  records: PaperInput[];
  /** Ids of records the repository marks deleted. */
  deleted: string[];
  /** Ask for the next page with this; null on the last page. */
  resumptionToken: string | null;
  completeListSize: number | null;
}

/** An OAI-PMH error other than "no records match" (badArgument, badResumptionToken, …). */
export class OaiError extends Error {
  constructor(readonly code: string, message: string) {
    super(`OAI-PMH error ${code}: ${message}`);
  }
}

export function isOaiDocument(doc: XmlNode): boolean {
  return typeof doc['OAI-PMH'] === 'object' && doc['OAI-PMH'] !== null;
}

export function parseOaiPage(xml: string): OaiPage {
  const doc = parseXml(xml);
  if (!isOaiDocument(doc)) throw new ArxivFormatError('not an OAI-PMH response (no <OAI-PMH> element)');
  return readOaiPage(doc['OAI-PMH'] as XmlNode);
}

export function readOaiPage(root: XmlNode): OaiPage {
  const error = list(root.error)[0];
  if (error) {
    const code = String(child(error, '@code') ?? 'unknown');
    // An empty harvest window is an answer, not a failure.
    if (code === 'noRecordsMatch') return { records: [], deleted: [], resumptionToken: null, completeListSize: 0 };
    throw new OaiError(code, collapse(text(error)));
  }
  const listRecords = root.ListRecords as XmlNode | undefined;
  if (!listRecords) throw new ArxivFormatError('an OAI-PMH response without <ListRecords>');
  const page: OaiPage = { records: [], deleted: [], resumptionToken: null, completeListSize: null };
  list(listRecords.record).forEach((record, i) => {
    const header = list(record.header)[0] ?? {};
    const where = `record ${i + 1}`;
    if (child(header, '@status') === 'deleted') {
      page.deleted.push(arxivRef(text(child(header, 'identifier')).replace(/^oai:arXiv\.org:/, ''), `${where} identifier`).id);
      return;
    }
    const metadata = record.metadata as XmlNode | undefined;
    if (metadata?.arXivRaw) page.records.push(readArxivRaw(metadata.arXivRaw as XmlNode, where));
    else if (metadata?.arXiv) page.records.push(readArxiv(metadata.arXiv as XmlNode, where));
    else throw new ArxivFormatError(`${where}: metadata is neither arXiv nor arXivRaw (ask with metadataPrefix=arXiv or arXivRaw)`);
  });
  const token = listRecords.resumptionToken;
  const tokenText = collapse(text(token));
  page.resumptionToken = tokenText || null;
  const size = Number(child(token, '@completeListSize'));
  page.completeListSize = child(token, '@completeListSize') !== undefined && Number.isFinite(size) ? size : null;
  return page;
}

function common(node: XmlNode, where: string) {
  const ref = arxivRef(text(node.id), `${where} id`);
  const title = collapse(text(node.title));
  if (!title) throw new ArxivFormatError(`${where} (${ref.id}): no title`);
  // In both formats the primary category comes first.
  const terms = collapse(text(node.categories)).split(' ').filter(Boolean);
  const abstract = collapse(text(node.abstract)) || null;
  const comment = collapse(text(node.comments)) || null;
  return { id: ref.id, title, abstract, comment, categories: orderCategories(terms[0] ?? null, terms), githubUrl: findGithubUrl(comment, abstract) };
}

/** The `arXiv` format: structured authors, dates without versions (created = v1, updated = latest). */
function readArxiv(node: XmlNode, where: string): PaperInput {
  const authors: Author[] = list(child(node.authors, 'author')).map((a) => ({
    name: collapse([text(a.forenames), text(a.keyname), text(a.suffix)].filter(Boolean).join(' ')),
  }));
  return {
    ...common(node, where),
    authors: authors.filter((a) => a.name),
    publishedAt: isoTime(text(node.created)),
    updatedAt: isoTime(text(node.updated)) ?? isoTime(text(node.created)),
  };
}

/** The `arXivRaw` format: every version with its date, authors as one line of text. */
function readArxivRaw(node: XmlNode, where: string): PaperInput {
  const versions = list(node.version)
    .map((v) => ({ version: Number(String(child(v, '@version') ?? '').replace(/^v/, '')), submittedAt: isoTime(text(v.date)) }))
    .filter((v) => Number.isInteger(v.version) && v.version > 0)
    .sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  return {
    ...common(node, where),
    authors: splitAuthors(collapse(text(node.authors))).map((name) => ({ name })),
    version: latest?.version,
    versions,
    publishedAt: versions[0]?.submittedAt ?? null,
    updatedAt: latest?.submittedAt ?? null,
  };
}

/** "A, B (MIT), C and D" → names without affiliations; commas inside parentheses do not split. */
export function splitAuthors(line: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const push = () => {
    const name = current.replace(/\([^)]*\)?/g, ' ').replace(/\s+/g, ' ').trim();
    if (name) names.push(name);
    current = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && ch === ',') {
      push();
      if (/^\s*and\s/.test(line.slice(i + 1))) i = line.indexOf('and', i) + 2;
      continue;
    }
    if (depth === 0 && line.startsWith(' and ', i)) {
      push();
      i += 4;
      continue;
    }
    current += ch;
  }
  push();
  return names;
}
