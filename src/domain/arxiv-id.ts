// arXiv identifiers: new style (2508.01234, 0704.0001) and old style (hep-th/9901001), with an
// optional version; also recognises abs/pdf URLs, as people paste them.
export interface ArxivRef {
  id: string;
  version?: number;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;
const URL_FORM = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** The id and the version's digits as typed, before the version is checked. */
function looseRef(input: string): { id: string; version?: string } | null {
  let text = input.trim();
  const url = URL_FORM.exec(text);
  if (url) text = url[1]!;
  text = text.replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  if (!m) return null;
  return m[2] === undefined ? { id: m[1]! } : { id: m[1]!, version: m[2] };
}

// arXiv numbers versions from v1 up; v0 (or v01) names no version of any paper.
const VERSION = /^[1-9]\d*$/;

/** Parses an id, an id with version, or an arXiv abs/pdf URL; null when it is none of these. */
export function parseArxivRef(input: string): ArxivRef | null {
  const ref = looseRef(input);
  if (!ref) return null;
  if (ref.version === undefined) return { id: ref.id };
  return VERSION.test(ref.version) ? { id: ref.id, version: Number(ref.version) } : null;
}

/** Why input is not an arXiv id, as one line for a refusal: a bad version is named as such. */
export function arxivIdProblem(input: string): string {
  const shown = JSON.stringify(input.trim().slice(0, 40));
  const ref = looseRef(input);
  if (ref?.version !== undefined && !VERSION.test(ref.version)) return `${shown} is not an arXiv id: v${ref.version} is not a version (arXiv versions start at v1)`;
  return `${shown} is not an arXiv id (like 2508.01234 or hep-th/9901001)`;
}

/** True for a bare id without version, the form papers are keyed by. */
export function isArxivId(text: string): boolean {
  const ref = parseArxivRef(text);
  return ref !== null && ref.id === text;
}
