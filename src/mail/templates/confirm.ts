// The double opt-in mail: the only message an unconfirmed address ever gets.
import type { Cadence, Subscription } from '../../db/subscriptions.ts';
import { shortDate } from '../../views/format.ts';
import { html } from '../../views/html.ts';
import type { RenderedMail } from './digest.ts';
import { COLOR, FONT, frame, wrap } from './frame.ts';

export interface ConfirmContent {
  baseUrl: string;
  subscription: Pick<Subscription, 'email' | 'query' | 'personal'>;
  cadence: Cadence;
  confirmUrl: string;
  expiresAt: Date;
}

export function renderConfirmation(c: ConfirmContent): RenderedMail {
  const what = c.subscription.personal
    ? `paperboy's ${c.cadence} recommendations (papers picked for what a member upvotes)`
    : c.subscription.query
      ? `a ${c.cadence} e-mail with new papers matching “${c.subscription.query}”`
      : `paperboy's ${c.cadence} digest of the best new papers`;
  const ask = `Someone — hopefully you — asked to send ${what} to ${c.subscription.email}.`;
  const until = `The link works until ${shortDate(c.expiresAt.toISOString())}. If you did not ask for this, ignore this message: nothing more will be sent.`;
  const body = html`<tr><td style="padding:22px 24px 26px;${FONT}color:${COLOR.text};">
<h1 style="margin:0 0 10px;font-size:22px;line-height:1.25;">Confirm your subscription</h1>
<p style="margin:0 0 18px;font-size:15px;line-height:1.5;">${ask}</p>
<p style="margin:0 0 18px;"><a href="${c.confirmUrl}" style="display:inline-block;padding:11px 20px;border-radius:999px;background:${COLOR.accent};color:#ffffff;font-weight:700;font-size:15px;text-decoration:none;">Yes, send it to me</a></p>
<p style="margin:0;font-size:13px;line-height:1.5;color:${COLOR.muted};">${until}</p>
</td></tr>`;
  const footer = html`Sent by paperboy at ${c.baseUrl} because this address was entered in its subscription form.`;
  return {
    subject: 'Confirm your paperboy subscription',
    html: frame({ title: 'Confirm your subscription', preheader: 'One click to start receiving papers.', baseUrl: c.baseUrl, body, footer }),
    text: `Confirm your subscription\n\n${wrap(ask)}\n\nConfirm: ${c.confirmUrl}\n\n${wrap(until)}\n`,
  };
}
