// Structured logs: one JSON object per line on stdout (pino). Never log secrets, cookies or query strings.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'paperboy' }, timestamp: pino.stdTimeFunctions.isoTime });
}
