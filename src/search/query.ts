// What a user typed, understood: free words (ranked), "quoted phrases" and author:names (required),
// -excluded words, prefix* words. Rendered into each database's keyword syntax by db/search.ts.
import { STOPWORDS } from './stopwords.ts';
import { words } from './text.ts';

export const MAX_QUERY_LENGTH = 250;

export interface ParsedQuery {
  /** The text as typed (trimmed). */
  text: string;
  /** Ranked words (a hyphenated word counts as its parts: "pre-training" → pre, training). */
  terms: string[];
  prefixes: string[];
  /** Required phrases (each a list of words). */
  phrases: string[][];
  /** Required author names (each a list of words). */
  authors: string[][];
  excluded: string[][];
  /** The words for the semantic side: everything but exclusions and the author: keys. */
  semanticText: string;
}

const TOKEN = /(-?)(?:(author):)?(?:"([^"]*)"?|(\S+))/gi;

/** Parses a query; never throws: anything unbalanced is read as plain words. */
export function parseQuery(input: string): ParsedQuery {
  const text = input.trim().replace(/\s+/g, ' ');
  const q: ParsedQuery = { text, terms: [], prefixes: [], phrases: [], authors: [], excluded: [], semanticText: '' };
  const semantic: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const [, minus, author, quoted, bare] = m;
    const raw = quoted ?? bare ?? '';
    const prefix = !quoted && /\w\*$/.test(raw);
    const parts = words(raw);
    if (!parts.length) continue;
    if (minus) q.excluded.push(parts);
    else if (author) q.authors.push(parts);
    else if (quoted !== undefined) (q.phrases.push(parts), semantic.push(raw));
    else if (prefix && parts.length === 1 && parts[0]!.length >= 2) (q.prefixes.push(parts[0]!), semantic.push(parts[0]!));
    else {
      for (const w of parts) q.terms.push(...w.replace(/'s$/, '').split(/[-']/).filter(Boolean));
      semantic.push(raw);
    }
  }
  // Function words only count when they are all there is ("to be or not to be").
  const content = q.terms.filter((t) => !STOPWORDS.has(t));
  if (content.length || q.phrases.length || q.prefixes.length || q.authors.length) q.terms = content;
  q.terms = [...new Set(q.terms)];
  q.semanticText = semantic.join(' ');
  return q;
}

/** True when the query can match anything by keywords (it may still be semantic-only). */
export function hasKeywords(q: ParsedQuery): boolean {
  return q.terms.length + q.prefixes.length + q.phrases.length + q.authors.length > 0;
}

/** Every word a result may be highlighted for. */
export function highlightWords(q: ParsedQuery): { words: string[]; prefixes: string[] } {
  return { words: [...q.terms, ...q.phrases.flat(), ...q.authors.flat()], prefixes: q.prefixes };
}
