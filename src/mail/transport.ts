// Where mail goes: the SMTP server of PAPERBOY_SMTP_URL through a nodemailer connection pool, or,
// when none is set, .eml files in DATA_DIR/outbox/ (one per Message-ID, so a resend overwrites).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { OutgoingMail } from './message.ts';

export interface Mailer {
  /** Resolves once the SMTP server has accepted the message (or the file is written). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Where mail goes, for messages to people (no password). */
  readonly target: string;
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function options(mail: OutgoingMail) {
  return {
    from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, headers: mail.headers,
    // Base64 is encoded natively; quoted-printable in JS took a fifth of the time of a digest run.
    textEncoding: 'base64' as const,
  };
}

export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(resolve(config.dataDir), 'outbox');
}

export function openMailer(config: Pick<Config, 'smtpUrl' | 'dataDir'>, tuning: { connections?: number } = {}): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: tuning.connections ?? 4,
      maxMessages: Infinity,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    return {
      target: withoutPassword(config.smtpUrl),
      async send(mail) {
        await transport.sendMail(options(mail));
      },
      close: () => transport.close(),
    };
  }
  const dir = outboxDir(config);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    target: dir,
    async send(mail) {
      const info = await transport.sendMail(options(mail));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${mail.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9.@-]/g, '_')}.eml`);
      writeFileSync(`${file}.tmp`, info.message as Buffer);
      renameSync(`${file}.tmp`, file); // whole files only: a reader never sees half a message
    },
    close: () => transport.close(),
  };
}
