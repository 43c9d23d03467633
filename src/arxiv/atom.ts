// Reading the arXiv API's Atom feeds (export.arxiv.org/api/query): one PaperInput per entry, the
// API's error entry recognised, an empty feed (ids arXiv does not know) as no papers.
import type { PaperInput } from '../domain/paper.ts';
import {
  ArxivFormatError, arxivRef, child, collapse, findGithubUrl, isoTime, list, orderCategories, parseXml, text, type XmlNode,
} from './xml.ts';

/** An arXiv entry: the paper as stored, plus what the API says beside it. */
export interface ArxivEntry extends PaperInput {
  version: number;
  links: { abs: string; pdf: string | null; doi: string | null };
  doi: string | null;
  journalRef: string | null;
}

export interface AtomFeed {
  /** opensearch:totalResults: how many entries match the query (0 for an unknown id). */
  totalResults: number;
  entries: ArxivEntry[];
}

/** The API refused the query (its error entry, e.g. "incorrect id format for 1234.5678"). */
export class ArxivQueryError extends Error {}

const ERROR_ID = /\/api\/errors/;

export function isAtomFeed(doc: XmlNode): boolean {
  return typeof doc.feed === 'object' && doc.feed !== null;
}

export function parseAtomFeed(xml: string): AtomFeed {
  const doc = parseXml(xml);
  if (!isAtomFeed(doc)) throw new ArxivFormatError('not an Atom feed (no <feed> element)');
  return readFeed(doc.feed as XmlNode);
}

export function readFeed(feed: XmlNode): AtomFeed {
  const entries = list(feed.entry);
  const error = entries.find((e) => ERROR_ID.test(text(e.id)));
  if (error) throw new ArxivQueryError(`arXiv refused the query: ${collapse(text(error.summary)) || collapse(text(error.title))}`);
  const total = Number(text(feed.totalResults));
  const parsed = entries.map((entry, i) => readEntry(entry, `entry ${i + 1}`)).filter((e): e is ArxivEntry => e !== null);
  return { totalResults: Number.isFinite(total) && text(feed.totalResults) !== '' ? total : parsed.length, entries: parsed };
}

function readEntry(entry: XmlNode, where: string): ArxivEntry | null {
  const idText = text(entry.id);
  const title = collapse(text(entry.title));
  // The API has answered an unknown id with an entry that has an id and nothing else: not a paper.
  if (!idText || (!title && !text(entry.published))) return null;
  const ref = arxivRef(idText, `${where} id`);
  if (!title) throw new ArxivFormatError(`${where} (${ref.id}): no title`);
  const links = list(entry.link);
  const href = (pred: (l: XmlNode) => boolean) => {
    const l = links.find(pred);
    return l ? String(l['@href']) : null;
  };
  const primary = String(child(entry.primary_category, '@term') ?? '') || null;
  const categories = orderCategories(primary, list(entry.category).map((c) => String(c['@term'] ?? '')));
  const abstract = collapse(text(entry.summary)) || null;
  const comment = collapse(text(entry.comment)) || null;
  const doi = collapse(text(entry.doi)) || null;
  return {
    id: ref.id,
    version: ref.version ?? 1,
    title,
    abstract,
    authors: list(entry.author).map((a) => ({ name: collapse(text(a.name)) })).filter((a) => a.name),
    categories,
    publishedAt: isoTime(text(entry.published)),
    updatedAt: isoTime(text(entry.updated)),
    comment,
    githubUrl: findGithubUrl(comment, abstract),
    links: {
      abs: href((l) => l['@rel'] === 'alternate') ?? `https://arxiv.org/abs/${ref.id}`,
      pdf: href((l) => l['@title'] === 'pdf'),
      doi: href((l) => l['@title'] === 'doi'),
    },
    doi,
    journalRef: collapse(text(entry.journal_ref)) || null,
  };
}
