// A real SMTP server on 127.0.0.1 for tests: stores every message it accepts, parsed with
// mailparser, and can be told to answer with an error, to hold a reply, or to go away and come back.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** A header's value as sent, unfolded (List-Unsubscribe, List-Id, …); undefined when absent. */
  header(name: string): string | undefined;
}

export interface TestSmtp {
  readonly url: string;
  readonly port: number;
  readonly messages: ReceivedMail[];
  /** Answer every message with this reply code (e.g. 451, 550) until set back to null. */
  replyCode: number | null;
  /** Runs once a message is fully received, before the server answers 250 (to stage a crash). */
  beforeAccept: ((mail: ReceivedMail) => Promise<void>) | null;
  /** Messages addressed to one recipient. */
  to(address: string): ReceivedMail[];
  /** Resolves when at least n messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening: connections are refused until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function parse(raw: string, envelopeTo: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const lines = new Map(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]));
  return {
    envelopeTo,
    raw,
    parsed,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    messageId: parsed.messageId ?? '',
    header: (name) => lines.get(name.toLowerCase()),
  };
}

export async function startSmtpServer(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let port = 0;
  let server: SMTPServer | null = null;

  const state: TestSmtp = {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    messages,
    replyCode: null,
    beforeAccept: null,
    to: (address) => messages.filter((m) => m.envelopeTo.includes(address)),
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice());
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} messages, got ${messages.length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', async () => {
            if (state.replyCode) {
              const err = Object.assign(new Error(state.replyCode >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: state.replyCode });
              return callback(err);
            }
            const to = session.envelope.rcptTo.map((r) => r.address);
            const mail = await parse(Buffer.concat(chunks).toString('utf8'), to);
            if (state.beforeAccept) await state.beforeAccept(mail);
            messages.push(mail);
            for (const w of [...waiters]) w();
            callback(null, 'queued');
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.server.address() as { port: number }).port;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    close() {
      return state.stop();
    },
  };
  await state.start();
  return state;
}
