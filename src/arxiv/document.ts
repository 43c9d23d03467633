// `paperboy import --format arxiv`: a saved arXiv API Atom feed or OAI-PMH ListRecords page
// (arXiv or arXivRaw metadata), told apart by its root element.
import { registerDocumentFormat } from '../ingest/importer.ts';
import type { PaperInput } from '../domain/paper.ts';
import { isAtomFeed, readFeed } from './atom.ts';
import { isOaiDocument, readOaiPage } from './oai.ts';
import { ArxivFormatError, parseXml, type XmlNode } from './xml.ts';

export function parseArxivDocument(xml: string): PaperInput[] {
  const doc = parseXml(xml);
  if (isAtomFeed(doc)) return readFeed(doc.feed as XmlNode).entries;
  if (isOaiDocument(doc)) return readOaiPage(doc['OAI-PMH'] as XmlNode).records;
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
  throw new ArxivFormatError(`the root element is <${root}>, expected an arXiv API <feed> or an OAI-PMH <OAI-PMH> response`);
}

let registered = false;

/** Makes the importer read arXiv XML; the CLI calls this once at start. */
export function registerArxivImport(): void {
  if (registered) return;
  registerDocumentFormat('arxiv', parseArxivDocument);
  registered = true;
}
