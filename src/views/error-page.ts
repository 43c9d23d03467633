// The page people see for a 4xx or 5xx.
import { html } from './html.ts';
import { layout } from './layout.ts';

const TITLES: Record<number, string> = { 400: 'That request is not right', 401: 'Please log in', 403: 'Not allowed', 404: 'Not found', 405: 'Method not allowed', 409: 'Already done', 413: 'Too large', 429: 'Slow down', 500: 'Something broke', 502: 'Upstream trouble' };

export function errorPage(status: number, message: string) {
  return layout({
    title: TITLES[status] ?? `Error ${status}`,
    body: html`<section class="error-page"><p class="status">${status}</p><h1>${TITLES[status] ?? 'Error'}</h1><p>${message}</p><p><a class="button" href="/">Back to today's papers</a></p></section>`,
  });
}
