// Rate limits for route handlers: `await rateLimit(c, 'vote:' + viewer.id, 60, 3600)` counts one
// request under that key and throws 429 with Retry-After when over the limit. Counters are in the
// database (domain/rate-limits.ts), so all web processes share them.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../app.ts';
import { check, hit } from '../../domain/rate-limits.ts';
import { tooMany } from '../../errors.ts';
import { clientIp } from './client-ip.ts';

export interface Limiter {
  /** Counts a request; throws 429 when over `limit` per `windowSeconds`. */
  hit(key: string, limit: number, windowSeconds: number, message?: string): Promise<void>;
  /** Throws 429 if one more request would be over the limit, without counting one. */
  check(key: string, limit: number, windowSeconds: number, message?: string): Promise<void>;
  /** The client's address, for per-IP keys. */
  ip: string;
}

function refused(message: string | undefined, retryAfter: number) {
  const wait = retryAfter < 90 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
  return tooMany(message ?? `too many requests; try again in ${wait}`, retryAfter);
}

export function limiterMiddleware({ db, config }: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('limiter', {
      ip: clientIp(c, config.trustProxy),
      async hit(key, limit, windowSeconds, message) {
        const v = await hit(db, key, limit, windowSeconds);
        if (!v.allowed) throw refused(message, v.retryAfter);
      },
      async check(key, limit, windowSeconds, message) {
        const v = await check(db, key, limit, windowSeconds);
        if (!v.allowed) throw refused(message, v.retryAfter);
      },
    });
    return next();
  };
}

/** Counts one request under `key`; over `limit` per `windowSeconds` → 429 with Retry-After. */
export function rateLimit(c: Context<AppEnv>, key: string, limit: number, windowSeconds: number, message?: string): Promise<void> {
  return c.get('limiter').hit(key, limit, windowSeconds, message);
}

/** The client's IP address as rate limits see it (PAPERBOY_TRUST_PROXY decides whether to believe X-Forwarded-For). */
export function requestIp(c: Context<AppEnv>): string {
  return c.get('limiter').ip;
}
