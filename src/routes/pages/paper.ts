// The paper page, /papers/ID (new-style ids and old-style archive/number ids, with or without version).
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { getPaper } from '../../db/daily.ts';
import { arxivIdProblem, parseArxivRef } from '../../domain/arxiv-id.ts';
import type { Paper } from '../../domain/paper.ts';
import { badRequest, notFound, type AppError } from '../../errors.ts';
import type { Html } from '../../views/html.ts';
import { paperPage } from '../../views/paper-page.ts';
import { viewerVotes } from './viewer-votes.ts';

export const NEW_ID = '[0-9]{4}\\.[0-9]{4,5}(?:v[0-9]+)?';
export const OLD_ARCHIVE = '[a-z]+(?:-[a-z]+)*(?:\\.[A-Z]{2})?';
export const OLD_NUMBER = '[0-9]{7}(?:v[0-9]+)?';

/**
 * Sections other modules add below the abstract (similar papers, comments), in order. Register them
 * once, at module level: the app's deps arrive with each call, so several apps (tests) can coexist.
 */
export type PaperSection = (paper: Paper, c: Context<AppEnv>, deps: AppDeps) => Promise<Html | null>;
const sections: PaperSection[] = [];
export function addPaperSection(section: PaperSection): void {
  sections.push(section);
}

/** A paper people may see: known and not hidden by a moderator (admins see hidden ones). */
export async function visiblePaper(deps: AppDeps, c: Context<AppEnv>, rawId: string): Promise<Paper> {
  const ref = parseArxivRef(rawId);
  // The route's pattern let only well-shaped ids through; a v0 is still not a version of anything.
  if (!ref) throw badRequest(arxivIdProblem(rawId));
  const paper = await getPaper(deps.db, ref.id);
  if (!paper || (paper.hidden && !c.get('viewer')?.isAdmin)) throw notFound(`paper ${rawId.slice(0, 40)} is not on paperboy`);
  return paper;
}

/**
 * The page of a paper people may see, answered with `status`: a form under the paper that was refused
 * (an empty comment) shows the page again with 400, its section holding what was typed and why.
 */
export async function paperPageResponse(c: Context<AppEnv>, deps: AppDeps, rawId: string, status: 200 | AppError['status'] = 200): Promise<Response> {
  const paper = await visiblePaper(deps, c, rawId);
  const extra = (await Promise.all(sections.map((s) => s(paper, c, deps)))).filter((h): h is Html => h !== null);
  const { csrf, voted } = await viewerVotes(c, deps.db, [paper]);
  const page = paperPage(paper, { sections: extra, voted: voted.has(paper.id), page: { viewer: c.get('viewer'), csrf, canonical: `${deps.config.baseUrl}/papers/${paper.id}` } });
  return c.html(page.value, status);
}

export function paperRoutes(app: App, deps: AppDeps): void {
  onPaperGet(app, '', async (c, rawId) => {
    const ref = parseArxivRef(rawId);
    if (ref?.version) return c.redirect(`/papers/${ref.id}`, 301);
    return paperPageResponse(c, deps, rawId);
  });
}

/**
 * app.get('/papers/ID' + rest, handler) for both id shapes (2508.01234, hep-th/9901001, either with a
 * version); the handler gets the id as it was in the address.
 */
export function onPaperGet(app: App, rest: string, handler: (c: Context<AppEnv>, rawId: string) => Promise<Response>): void {
  app.get(`/papers/:id{${NEW_ID}}${rest}`, (c) => handler(c, c.req.param('id')));
  app.get(`/papers/:archive{${OLD_ARCHIVE}}/:number{${OLD_NUMBER}}${rest}`, (c) => handler(c, `${c.req.param('archive')}/${c.req.param('number')}`));
}
