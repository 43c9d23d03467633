// The XML reading shared by the Atom and OAI-PMH parsers: one parser configuration and the small
// text clean-ups arXiv metadata needs (its titles and abstracts come hard-wrapped).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivRef, type ArxivRef } from '../domain/arxiv-id.ts';

/** A document arXiv sent that is not what its endpoint promises; the message says what is wrong. */
export class ArxivFormatError extends Error {}

export type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['entry', 'author', 'category', 'link', 'record', 'version', 'header', 'setSpec']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // arXiv's namespaces are fixed (atom, opensearch, arxiv, OAI); local names are unambiguous within each document.
  removeNSPrefix: true,
  // Ids such as 2501.00001 and years must stay text, not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/** Parses a whole document; malformed XML is an ArxivFormatError naming the line. */
export function parseXml(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator lists the elements left open when a document is cut short.
    const open = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    const why = open ? `the document ends before <${JSON.parse(`[${open[1]}]`).join('>, <')}> ${open[1]!.includes(',') ? 'are' : 'is'} closed` : valid.err.msg;
    throw new ArxivFormatError(`not well-formed XML at line ${valid.err.line}: ${why}`);
  }
  return parser.parse(text) as XmlNode;
}

/** The text of an element that may carry attributes (`{'#text': …}`) or be empty. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in (node as XmlNode)) return text((node as XmlNode)['#text']);
  return '';
}

export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function list<T = XmlNode>(node: unknown): T[] {
  if (node === undefined || node === null || node === '') return [];
  return (Array.isArray(node) ? node : [node]) as T[];
}

export function child(node: unknown, name: string): unknown {
  return node && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
}

/** A timestamp as ISO-8601 UTC; null when absent or not a date. */
export function isoTime(value: string): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** arXiv's own subject classes (cs.LG, hep-th, cond-mat.mes-hall), not MSC or ACM codes listed beside them. */
export function isArxivCategory(term: string): boolean {
  return /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[a-z]+)*)?$/.test(term);
}

/** Primary first, then the others in their order, without duplicates or non-arXiv codes. */
export function orderCategories(primary: string | null, all: string[]): string[] {
  const out = primary ? [primary] : [];
  for (const term of all) if (isArxivCategory(term) && !out.includes(term)) out.push(term);
  return out;
}

/** A code repository named in the comment or abstract ("code at https://github.com/…"). */
export function findGithubUrl(...texts: (string | null | undefined)[]): string | null {
  for (const t of texts) {
    const m = t ? /https?:\/\/(?:www\.)?github\.com\/[\w.-]+\/[\w.-]+/i.exec(t) : null;
    if (m) return m[0].replace(/[.)]+$/, '').replace(/\.git$/, '');
  }
  return null;
}

export function arxivRef(value: string, where: string): ArxivRef {
  const ref = parseArxivRef(value);
  if (!ref) throw new ArxivFormatError(`${where}: "${value.slice(0, 60)}" is not an arXiv id`);
  return ref;
}
