// Refuses request bodies over PAPERBOY_MAX_BODY_BYTES with 413 before anything reads them; bodies
// without a Content-Length are counted as they stream and cut off at the limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../../app.ts';
import { AppError } from '../../errors.ts';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 102.4) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export function bodyLimitMiddleware({ config }: AppDeps): MiddlewareHandler<AppEnv> {
  const maxSize = config.maxBodyBytes;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `the request body is larger than the ${size(maxSize)} this site accepts`);
    },
  });
}
