// Query parameters the pages and the API read: one zod parser that turns the first problem into a
// 400 naming the parameter, and whole-number parameters whose every refusal says the real range.
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { badRequest } from '../errors.ts';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A whole-number parameter from min to max. Each check carries its own message: a message given to
 * the number schema itself would also stand for the range checks ("p must be a number" for 100001).
 */
export function wholeNumber(name: string, min: number, max: number) {
  const range = min === 0 ? `${name} must be at most ${count(max)}` : `${name} must be between ${count(min)} and ${count(max)}`;
  return z.coerce
    .number({ error: (issue) => (issue.code === 'invalid_type' ? `${name} must be a number` : undefined) })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: min === 0 ? `${name} must be 0 or more` : range })
    .max(max, { error: range });
}

/** Parses query parameters with a zod schema; the first problem becomes a 400 that names the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    throw badRequest(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return parsed.data;
}

export const MAX_PAGE = 10_000;
const pageSchema = wholeNumber('page', 1, MAX_PAGE);

/** The `page` of a paged HTML list (1 when absent), or a 400 saying what a page number must be. */
export function pageParam(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const parsed = pageSchema.safeParse(raw.trim() === '' ? 'x' : raw);
  if (!parsed.success) throw badRequest(`${parsed.error.issues[0]!.message}, not "${raw.slice(0, 20)}"`);
  return parsed.data;
}

/**
 * Middleware: a query parameter whose bytes are not UTF-8 (?q=%FF%FE) is refused. Hono decodes with a
 * fallback to the raw text, so it would otherwise be searched for, or stored, as the letters "%FF%FE".
 */
export const utf8Query: MiddlewareHandler = async (c, next) => {
  const raw = c.req.url.includes('?') ? c.req.url.slice(c.req.url.indexOf('?') + 1).split('#')[0]! : '';
  if (raw.includes('%')) {
    for (const pair of raw.split('&')) {
      const eq = pair.indexOf('=');
      const [key, value] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      const name = decodes(key) ? decodeURIComponent(key.replace(/\+/g, ' ')) : 'a parameter name';
      if (!decodes(key) || !decodes(value)) {
        const malformed = /%(?![0-9a-fA-F]{2})/.test(pair);
        throw badRequest(malformed ? `${name.slice(0, 40)} has a % that does not start an escape like %20` : `${name.slice(0, 40)} is not valid UTF-8`);
      }
    }
  }
  await next();
};

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
