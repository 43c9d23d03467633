// /admin/mail: what the mail system is doing — subscriptions, deliveries by state, the ones that
// need a person (refused for good, interrupted mid-send, retrying), and the job queue.
import type { Delivery, DeliveryKind, DeliveryStatus } from '../db/deliveries.ts';
import type { Job, JobStatus } from '../db/jobs.ts';
import { csrfField, notice } from './account-forms.ts';
import { shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';

export interface MailAdminView {
  viewer: Viewer;
  csrf: string;
  subscriptions: { active: number; pending: number; unsubscribed: number };
  deliveries: { kind: DeliveryKind; status: DeliveryStatus; n: number }[];
  troubled: (Delivery & { email: string })[];
  jobs: { kind: string; status: JobStatus; n: number }[];
  failedJobs: (Job & { finishedAt: string | null })[];
  nextRuns: { name: string; at: string }[];
  target: string;
  message?: string;
}

const when = (iso: string | null) => (iso ? html`<time datetime="${iso}">${shortDate(iso)} ${iso.slice(11, 16)}</time>` : '—');
const STATUSES: DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'];
const EXPLAIN: Partial<Record<DeliveryStatus, string>> = {
  failed: 'refused for good by the mail server (5xx) or undeliverable for 48 hours',
  uncertain: 'the sender stopped between handing it over and recording it; not resent by itself so that nobody gets it twice',
  pending: 'waiting to be retried after a temporary failure',
};

function counts(v: MailAdminView): Html {
  const kinds = [...new Set(v.deliveries.map((d) => d.kind))];
  if (!kinds.length) return html`<p class="empty">No mail has been sent yet.</p>`;
  const n = (k: DeliveryKind, s: DeliveryStatus) => v.deliveries.find((d) => d.kind === k && d.status === s)?.n ?? 0;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">Kind</th>${STATUSES.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
    <tbody>${kinds.map((k) => html`<tr><th scope="row">${k}</th>${STATUSES.map((s) => html`<td>${n(k, s)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

function troubled(v: MailAdminView): Html {
  if (!v.troubled.length) return html`<p class="empty">Nothing needs attention.</p>`;
  return html`<div class="table-wrap"><table class="admin">
    <thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">What</th><th scope="col">State</th><th scope="col">Tries</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>${v.troubled.map(
      (d) => html`<tr>
        <td class="nowrap">${when(d.createdAt)}</td><td>${d.email}</td><td>${d.kind} <span class="hint">${d.digestKey}</span></td>
        <td><span class="badge${d.status === 'pending' ? '' : ' warn'}" title="${EXPLAIN[d.status] ?? ''}">${d.status}</span>${d.status === 'pending' ? html`<br><span class="hint">next try ${when(d.nextAttemptAt)}</span>` : ''}</td>
        <td>${d.attempts}</td><td>${d.lastError ?? ''}</td>
        <td class="actions">${d.status === 'pending' ? '' : html`<form method="post" action="/admin/mail/deliveries/${d.id}/resend">${csrfField(v.csrf)}<button type="submit">Send again</button></form>`}</td>
      </tr>`,
    )}</tbody></table></div>
    <p class="hint">Failed: ${EXPLAIN.failed}. Uncertain: ${EXPLAIN.uncertain}. “Send again” may deliver a second copy (with the same Message-ID).</p>`;
}

function jobs(v: MailAdminView): Html {
  return html`${v.jobs.length
      ? html`<div class="table-wrap"><table class="admin"><thead><tr><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Jobs</th></tr></thead>
        <tbody>${v.jobs.map((j) => html`<tr><td>${j.kind}</td><td>${j.status}</td><td>${j.n}</td></tr>`)}</tbody></table></div>`
      : html`<p class="empty">The queue is empty.</p>`}
    ${v.failedJobs.length
      ? html`<h3>Failed or retrying</h3><div class="table-wrap"><table class="admin"><thead><tr><th scope="col">Job</th><th scope="col">State</th><th scope="col">Tries</th><th scope="col">Error</th></tr></thead>
        <tbody>${v.failedJobs.map((j) => html`<tr><td>#${j.id} ${j.kind}</td><td>${j.status}</td><td>${j.attempts}/${j.maxAttempts}</td><td>${j.lastError ?? ''}</td></tr>`)}</tbody></table></div>`
      : ''}`;
}

export function mailAdminPage(v: MailAdminView): Html {
  const s = v.subscriptions;
  return layout({
    title: 'Mail',
    section: 'admin',
    viewer: v.viewer,
    csrf: v.csrf,
    body: html`<h1>Mail</h1>
    <p class="sub"><a href="/admin">Moderation</a> · Mail goes to ${v.target}</p>
    ${notice('ok', v.message)}
    <section class="panel" aria-labelledby="subs-h"><h2 id="subs-h">Subscriptions</h2>
      <p>${s.active} active · ${s.pending} awaiting confirmation · ${s.unsubscribed} unsubscribed</p>
      ${v.nextRuns.length ? html`<p class="hint">Next runs: ${v.nextRuns.map((r, i) => html`${i ? ' · ' : ''}${r.name} ${when(r.at)} UTC`)}</p>` : ''}
    </section>
    <section class="panel" aria-labelledby="attention-h"><h2 id="attention-h">Needs attention</h2>${troubled(v)}</section>
    <section class="panel" aria-labelledby="deliveries-h"><h2 id="deliveries-h">Deliveries</h2>${counts(v)}</section>
    <section class="panel" aria-labelledby="jobs-h"><h2 id="jobs-h">Job queue</h2>${jobs(v)}</section>`,
  });
}
