// The arXiv upstream adapter, as the rest of paperboy uses it:
//
//   const papers = await fetchArxivPapers(config, ['2505.09814v2'], { budgetMs: 8000 });
//   const paper = papers.get('2505.09814');   // keyed by bare id; absent = arXiv does not know it (→ 404)
//   // throws ArxivUnavailableError (→ 502) when arXiv is unreachable or keeps answering 5xx/429
//   await upsertPapers(db, [paper]);           // an ArxivEntry is a PaperInput
//
// A single lookup goes out at once; bulk callers pass `minIntervalMs: 3000` (arXiv's API terms).
// `harvest(db, config, {from, until, set})` walks OAI-PMH ListRecords pages into the database.
// Tests point PAPERBOY_ARXIV_API_URL / PAPERBOY_OAI_URL at `startArxivFixture()` (test/arxiv-fixture.ts).
export { fetchArxivPapers, type ArxivConfig, type FetchArxivOptions } from './client.ts';
export { ArxivUnavailableError, type RetryOptions } from './http.ts';
export { parseAtomFeed, ArxivQueryError, type ArxivEntry, type AtomFeed } from './atom.ts';
export { ArxivFormatError } from './xml.ts';
export { harvest, HarvestError, type HarvestOptions, type HarvestResult } from './harvest.ts';
export { parseOaiPage, OaiError, type OaiPage } from './oai.ts';
export { parseArxivDocument, registerArxivImport } from './document.ts';
