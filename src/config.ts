// The one option table: every setting paperboy reads, its default, validation and doc line.
// `paperboy config` prints it (secrets masked) and the README documents the same rows.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { modelDirProblem } from './search/onnx-files.ts';

interface Option<T> {
  env: string;
  doc: string;
  schema: z.ZodType<T>;
  /** Default as the raw string an operator would write; undefined = unset. */
  default?: string;
  secret?: boolean;
  /** Shows a value that may hold a secret inside it (a password in a URL) with that part hidden. */
  mask?: (raw: string) => string;
}

/** A whole number in a range; whatever is wrong (not a number, blank, a fraction, too big), the rule is said in words. */
function wholeNumber(min: number, max: number, rule = `must be a whole number from ${min} to ${max}`) {
  return z.string().trim().regex(/^-?\d+$/, rule).transform(Number).pipe(z.number().min(min, rule).max(max, rule));
}

const port = wholeNumber(0, 65535, 'must be a port number, 0–65535');
const url = z.string().url('must be a URL like https://papers.example.org');
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/**
 * A database location with its password hidden: `postgres://u:***@h/db`, `?password=***`. The
 * password runs to the last `@`, so one holding `/` or `@` unencoded is hidden whole too.
 */
export function maskDatabaseUrl(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):.*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

const database = z.string().min(1).superRefine((location, ctx) => {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (scheme && !/^postgres(ql)?$/i.test(scheme)) {
    ctx.addIssue({ code: 'custom', message: `${scheme}:// databases are not supported; give a file path for SQLite or a postgres:// URL` });
  }
});

// An address as mail servers take it, alone or as `Name <address>`; `localhost` needs no dot.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const mailbox = z.string().refine((text) => {
  const m = /^\s*(?:[^<>]*<([^<>]*)>|([^<>]*))\s*$/.exec(text);
  const address = (m?.[1] ?? m?.[2] ?? '').trim();
  return address.length <= 254 && ADDRESS.test(address);
}, 'must be an e-mail address, alone or as `Name <address>` (like `paperboy <papers@example.org>`)');

export const options = {
  port: { env: 'PORT', doc: 'TCP port of the web server (`serve --port N` overrides it).', schema: port, default: '3000' },
  database: {
    env: 'PAPERBOY_DATABASE',
    doc: 'A file path → embedded SQLite; a `postgres://` URL → PostgreSQL (no other kind of URL). `paperboy config` shows it with the password hidden.',
    schema: database,
    default: './data/paperboy.db',
    mask: maskDatabaseUrl,
  },
  dataDir: {
    env: 'PAPERBOY_DATA_DIR',
    doc: 'Where the generated secret, the mail outbox and search models live.',
    schema: z.string().min(1),
    default: './data',
  },
  baseUrl: {
    env: 'PAPERBOY_BASE_URL',
    doc: 'Public URL of the site, used in feeds, e-mails and API `Link` headers. Default `http://localhost:PORT`.',
    schema: url.optional(),
  },
  secret: {
    env: 'PAPERBOY_SECRET',
    doc: 'Key for signed links and sessions (≥ 32 characters). Generated and stored in the data dir when absent.',
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    secret: true,
  },
  smtpUrl: {
    env: 'PAPERBOY_SMTP_URL',
    doc: 'SMTP server for mail, e.g. `smtp://127.0.0.1:2525`. Unset: mail is written to `DATA_DIR/outbox/` as .eml files.',
    schema: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
    secret: true,
  },
  mailFrom: {
    env: 'PAPERBOY_MAIL_FROM',
    doc: 'Sender of every e-mail: an address, alone or as `Name <address>`.',
    schema: mailbox,
    default: 'paperboy <paperboy@localhost>',
  },
  arxivApiUrl: {
    env: 'PAPERBOY_ARXIV_API_URL',
    doc: 'arXiv API endpoint (tests point it at a local fixture server).',
    schema: url,
    default: 'https://export.arxiv.org/api/query',
  },
  oaiUrl: {
    env: 'PAPERBOY_OAI_URL',
    doc: 'arXiv OAI-PMH endpoint for `paperboy harvest`.',
    schema: url,
    default: 'https://oaipmh.arxiv.org/oai',
  },
  demo: {
    env: 'PAPERBOY_DEMO',
    doc: 'Load the bundled demo corpus into an empty database on first start.',
    schema: bool,
    default: 'true',
  },
  logLevel: {
    env: 'PAPERBOY_LOG_LEVEL',
    doc: 'Log level: fatal, error, warn, info, debug, trace or silent. Logs are JSON lines on stdout.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  },
  pgPool: {
    env: 'PAPERBOY_PG_POOL',
    doc: 'PostgreSQL only: the most connections each paperboy process opens (keep the sum over all processes below the server\'s `max_connections`).',
    schema: wholeNumber(1, 1000),
    default: '10',
  },
  digestHour: {
    env: 'PAPERBOY_DIGEST_HOUR',
    doc: 'Hour of the day (UTC, 0–23) at which daily and weekly e-mail digests are sent.',
    schema: wholeNumber(0, 23, 'must be an hour from 0 to 23'),
    default: '7',
  },
  digestSkipWeekends: {
    env: 'PAPERBOY_DIGEST_SKIP_WEEKENDS',
    doc: 'Send no daily digest on Saturday and Sunday (UTC); their papers arrive with Monday\'s.',
    schema: bool,
    default: 'true',
  },
  digestWeeklyDay: {
    env: 'PAPERBOY_DIGEST_WEEKLY_DAY',
    doc: 'Weekday on which the weekly digest is sent: monday … sunday.',
    schema: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    default: 'monday',
  },
  submitDailyQuota: {
    env: 'PAPERBOY_SUBMIT_DAILY_QUOTA',
    doc: 'Submitting: how many papers one member may put on the daily lists per UTC day (more → 429).',
    schema: wholeNumber(1, 10_000),
    default: '10',
  },
  submitMaxAgeDays: {
    env: 'PAPERBOY_SUBMIT_MAX_AGE_DAYS',
    doc: 'Submitting: only papers whose first arXiv version is at most this many days old; 0 = any age.',
    schema: wholeNumber(0, 100_000),
    default: '14',
  },
  submitArxivBudgetMs: {
    env: 'PAPERBOY_SUBMIT_ARXIV_BUDGET_MS',
    doc: 'Submitting: how long a submission may wait for arXiv, retries included, before answering 502.',
    schema: wholeNumber(100, 60_000),
    default: '8000',
  },
  trustProxy: {
    env: 'PAPERBOY_TRUST_PROXY',
    doc: 'Behind one reverse proxy: take the client IP (for rate limits) from the last `X-Forwarded-For` entry instead of the socket.',
    schema: bool,
    default: 'false',
  },
  sessionDays: {
    env: 'PAPERBOY_SESSION_DAYS',
    doc: 'Log-in sessions end after this many days without a visit.',
    schema: wholeNumber(1, 3650),
    default: '30',
  },
  maxBodyBytes: {
    env: 'PAPERBOY_MAX_BODY_BYTES',
    doc: 'Largest request body accepted (bytes); bigger → 413.',
    schema: wholeNumber(1024, 100 * 1024 * 1024),
    default: '65536',
  },
  embeddingModel: {
    env: 'PAPERBOY_EMBEDDING_MODEL',
    doc: 'Semantic search with your own sentence-embedding model: a local directory in the Hugging Face layout (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`), run offline on the CPU. Unset: paperboy\'s own corpus model. Run `paperboy index --rebuild` after changing it.',
    schema: z
      .string()
      .transform((dir) => resolve(dir))
      .superRefine((dir, ctx) => {
        const problem = modelDirProblem(dir);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  },
} satisfies Record<string, Option<unknown>>;

type Options = typeof options;
export type Config = { [K in keyof Options]: z.output<Options[K]['schema']> } & { baseUrl: string; secret: string };

export class ConfigError extends Error {}

/** A raw setting as it may be printed: secrets hidden, whole or in part. */
function shown(opt: Option<unknown>, raw: unknown): string {
  if (opt.secret) return '***';
  return JSON.stringify(typeof raw === 'string' && opt.mask ? opt.mask(raw) : raw);
}

/** Reads and validates every option; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Options, string>> = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, opt] of Object.entries(options) as [keyof Options, Option<unknown>][]) {
    const raw = overrides[key] ?? (env[opt.env] === '' ? undefined : env[opt.env]) ?? opt.default;
    const parsed = opt.schema.safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${opt.env}=${shown(opt, raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const config = out as Config;
  config.baseUrl = (config.baseUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  config.secret ??= storedSecret(config.dataDir);
  return config;
}

/** The secret generated on first use and kept in the data dir, so signed links survive restarts. */
function storedSecret(dataDir: string): string {
  const file = join(resolve(dataDir), 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // Written aside and linked into place: two processes starting at once on one data dir must agree on
  // one secret (sessions and signed links cross processes), and nobody may read a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, secret + '\n', { mode: 0o600 });
  try {
    linkSync(temp, file);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readFileSync(file, 'utf8').trim();
  } finally {
    unlinkSync(temp);
  }
}

/** Rows for `paperboy config`: name, effective value (secrets masked), doc. */
export function describeConfig(config: Config): { env: string; value: string; doc: string }[] {
  return (Object.entries(options) as [keyof Options, Option<unknown>][]).map(([key, opt]) => {
    const value = config[key];
    const text = value === undefined ? '(unset)' : opt.secret ? '********' : opt.mask ? opt.mask(String(value)) : String(value);
    return { env: opt.env, value: text, doc: opt.doc };
  });
}

/** The option table as Markdown (the README's configuration section is this output). */
export function configMarkdown(): string {
  const rows = (Object.values(options) as Option<unknown>[]).map(
    (opt) => `| \`${opt.env}\` | ${opt.default !== undefined ? `\`${opt.default}\`` : '—'} | ${opt.doc.replace(/\|/g, '\\|')} |`,
  );
  return ['| variable | default | what it does |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}
