// The page frame: head, site header with navigation, main landmark, footer.
import { html, type Html } from './html.ts';

/** Who is looking at a page or calling the API; null when anonymous. */
export interface Viewer {
  id: number;
  username: string;
  isAdmin: boolean;
}

export interface PageOptions {
  title: string;
  description?: string;
  /** Feeds linked with <link rel="alternate">. */
  feeds?: { title: string; href: string }[];
  canonical?: string;
  /** Open Graph / Twitter card for link previews; url and image are absolute. */
  openGraph?: { type: 'article' | 'website'; title: string; description?: string; url: string; image?: string };
  /** Which navigation item is current. */
  section?: 'daily' | 'weekly' | 'monthly' | 'trending' | 'for-you' | 'search' | 'submit' | 'account' | 'admin';
  viewer?: Viewer | null;
  /** Anti-forgery token for forms in the header (log-out). */
  csrf?: string;
  body: Html;
}

/** Extra header items other modules contribute (account links, …), rendered in order. */
export type HeaderSlot = (page: PageOptions) => Html;
const headerSlots: HeaderSlot[] = [];
export function addHeaderSlot(slot: HeaderSlot): void {
  headerSlots.push(slot);
}

function nav(current: PageOptions['section']) {
  const items: [NonNullable<PageOptions['section']>, string, string][] = [
    ['daily', '/papers', 'Daily'],
    ['weekly', '/papers/week', 'Weekly'],
    ['monthly', '/papers/month', 'Monthly'],
    ['trending', '/papers/trending', 'Trending'],
    ['for-you', '/papers/for-you', 'For you'],
    ['search', '/search', 'Search'],
    ['submit', '/submit', 'Submit'],
  ];
  return items.map(([key, href, label]) => html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`);
}

function openGraph(og: NonNullable<PageOptions['openGraph']>): Html {
  return html`<meta property="og:site_name" content="paperboy">
<meta property="og:type" content="${og.type}">
<meta property="og:title" content="${og.title}">
${og.description ? html`<meta property="og:description" content="${og.description}">\n` : ''}<meta property="og:url" content="${og.url}">
${og.image ? html`<meta property="og:image" content="${og.image}">\n` : ''}<meta name="twitter:card" content="summary">
`;
}

export function layout(page: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · paperboy</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ''}
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/static/app.css">
<link rel="stylesheet" href="/static/katex/katex.min.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
${(page.feeds ?? []).map((f) => html`<link rel="alternate" type="application/rss+xml" title="${f.title}" href="${f.href}">\n`)}
${page.canonical ? html`<link rel="canonical" href="${page.canonical}">` : ''}
${page.openGraph ? openGraph(page.openGraph) : ''}
<script src="/static/app.js" defer></script>
<script src="/static/community.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/"><img src="/static/favicon.svg" alt="" width="26" height="26"> paperboy</a>
  <a class="search-link" href="/search"${page.section === 'search' ? html` aria-current="page"` : ''}><svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><circle cx="10.5" cy="10.5" r="6.5"/><path d="m20 20-4.5-4.5"/></svg><span class="visually-hidden">Search</span></a>
  <details class="menu">
    <summary><span aria-hidden="true">☰</span> Menu</summary>
    <div class="menu-body">
      <nav aria-label="Lists"><ul>${nav(page.section)}</ul></nav>
      <div class="tools">${headerSlots.map((slot) => slot(page))}</div>
    </div>
  </details>
</header>
<main id="main">
${page.body}
</main>
<footer class="site">
  <p>paperboy — the research community's daily papers. <a href="/papers/feed.xml">RSS</a> · <a href="/api/openapi.json">API</a></p>
</footer>
</body>
</html>`;
}
