// /papers/ID/thumbnail.svg (either id shape): a title card for papers without an image, the `thumbnail`
// the API points at.
import type { App, AppDeps } from '../../app.ts';
import { escapeHtml } from '../../views/html.ts';
import { latexToText } from '../../views/latex.ts';
import { onPaperGet, visiblePaper } from './paper.ts';

function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > width) {
      out.push(line);
      line = word;
      if (out.length === lines) break;
    } else line = (line + ' ' + word).trim();
  }
  if (out.length < lines && line) out.push(line);
  if (out.length === lines && text.length > out.join(' ').length) out[lines - 1] = out[lines - 1]!.replace(/\s*\S*$/, ' …');
  return out;
}

export function thumbnailRoutes(app: App, deps: AppDeps): void {
  onPaperGet(app, '/thumbnail.svg', async (c, rawId) => {
    const paper = await visiblePaper(deps, c, rawId);
    const lines = wrap(latexToText(paper.title), 34, 4)
      .map((l, i) => `<text x="48" y="${120 + i * 56}" font-size="44" font-weight="700">${escapeHtml(l)}</text>`)
      .join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" font-family="system-ui, sans-serif">
<rect width="1200" height="630" fill="#fffbeb"/><rect y="590" width="1200" height="40" fill="#f59e0b"/>
<g fill="#1c1917">${lines}</g>
<text x="48" y="540" font-size="28" fill="#57534e">arXiv:${escapeHtml(paper.id)} · ▲ ${paper.upvotes} · paperboy</text></svg>`;
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' });
  });
}
