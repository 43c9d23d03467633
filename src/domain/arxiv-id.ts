// arXiv identifiers: new style (2508.01234, 0704.0001) and old style (hep-th/9901001), with an
// optional version; also recognises abs/pdf URLs, as people paste them.
export interface ArxivRef {
  id: string;
  version?: number;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;
const URL_FORM = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** Parses an id, an id with version, or an arXiv abs/pdf URL; null when it is none of these. */
export function parseArxivRef(input: string): ArxivRef | null {
  let text = input.trim();
  const url = URL_FORM.exec(text);
  if (url) text = url[1]!;
  text = text.replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  if (!m) return null;
  return m[2] ? { id: m[1]!, version: Number(m[2]) } : { id: m[1]! };
}

/** True for a bare id without version, the form papers are keyed by. */
export function isArxivId(text: string): boolean {
  const ref = parseArxivRef(text);
  return ref !== null && ref.id === text;
}
