// The PostgreSQL server the PostgreSQL benchmarks run on: PAPERBOY_BENCH_POSTGRES_URL, else the test
// server (PAPERBOY_TEST_DATABASE_URL). Each run gets a fresh schema there, dropped afterwards.
import { freshPostgresSchema } from '../test/postgres.ts';

export function requirePostgres(): string {
  const base = process.env.PAPERBOY_BENCH_POSTGRES_URL ?? process.env.PAPERBOY_TEST_DATABASE_URL;
  if (!base) {
    process.stderr.write('no PostgreSQL: set PAPERBOY_BENCH_POSTGRES_URL=postgres://… (a server where the user may create schemas)\n');
    process.exit(3);
  }
  return base;
}

export const postgresSchema = (base: string) => freshPostgresSchema(base);
