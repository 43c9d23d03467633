// A delivery as a finished message: addresses, the signed links, the list headers of RFC 2369,
// 2919 and 8058, and a Message-ID that is the same every time this digest is (re)sent.
import type { Config } from '../config.ts';
import type { Delivery } from '../db/deliveries.ts';
import type { Cadence, Subscription } from '../db/subscriptions.ts';
import type { Paper } from '../domain/paper.ts';
import type { PersonalParams } from './personal.ts';
import { renderConfirmation } from './templates/confirm.ts';
import { renderDigest, type DigestContent } from './templates/digest.ts';
import { confirmToken, opaqueId, unsubscribeToken } from './tokens.ts';

type Site = Pick<Config, 'baseUrl' | 'secret' | 'mailFrom'>;

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

function host(config: Pick<Config, 'baseUrl'>): string {
  return new URL(config.baseUrl).hostname || 'localhost';
}

/** Stable per subscription and digest, so a resend is recognisably the same message. */
export function messageId(config: Pick<Config, 'baseUrl' | 'secret'>, subscriptionId: number, digestKey: string): string {
  return `<${digestKey.replace(/[^A-Za-z0-9-]/g, '.')}.${opaqueId(config.secret, [subscriptionId, digestKey])}@${host(config)}>`;
}

export function unsubscribeUrl(config: Site, s: Pick<Subscription, 'id' | 'email'>): string {
  return `${config.baseUrl}/unsubscribe?token=${unsubscribeToken(config.secret, s)}`;
}

export function confirmUrl(config: Site, s: Pick<Subscription, 'id' | 'email'>, cadence: Cadence, expiresAt: Date): string {
  return `${config.baseUrl}/subscribe/confirm?token=${confirmToken(config.secret, s, cadence, expiresAt)}`;
}

export function manageUrl(config: Site, s: Pick<Subscription, 'userId'>): string {
  return s.userId ? `${config.baseUrl}/settings/digest` : `${config.baseUrl}/subscribe`;
}

function listId(config: Site, s: Pick<Subscription, 'cadence' | 'query' | 'personal'>): string {
  const [name, label] = s.personal ? ['recommendations', 'recommended'] : s.query ? ['saved-search alerts', 'alerts'] : [`${s.cadence} digest`, s.cadence];
  return `paperboy ${name} <${label}.${host(config)}>`;
}

/** A digest, alert or personal digest; `papers` in the order the delivery recorded them. */
export function digestMail(
  config: Site,
  d: Pick<Delivery, 'messageId'> & { params?: Record<string, unknown> },
  s: Subscription,
  papers: (Paper & { day: string })[],
  fragments?: DigestContent['fragments'],
): OutgoingMail {
  const unsubscribe = unsubscribeUrl(config, s);
  const personal = s.personal ? (d.params as PersonalParams | undefined) : undefined;
  const rendered = renderDigest({ baseUrl: config.baseUrl, subscription: s, papers, personal, unsubscribeUrl: unsubscribe, manageUrl: manageUrl(config, s), fragments });
  return {
    from: config.mailFrom,
    to: s.email,
    ...rendered,
    messageId: d.messageId,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listId(config, s),
      Precedence: 'list',
      'Auto-Submitted': 'auto-generated',
    },
  };
}

export function confirmationMail(config: Site, d: Pick<Delivery, 'messageId' | 'params'>, s: Subscription): OutgoingMail {
  const cadence = d.params.cadence as Cadence;
  const expiresAt = new Date(String(d.params.expiresAt));
  const rendered = renderConfirmation({ baseUrl: config.baseUrl, subscription: s, cadence, confirmUrl: confirmUrl(config, s, cadence, expiresAt), expiresAt });
  return { from: config.mailFrom, to: s.email, ...rendered, messageId: d.messageId, headers: { 'Auto-Submitted': 'auto-generated' } };
}
