// The frame every paperboy e-mail shares: a table layout that mail clients render alike, all CSS
// inline, no scripts, no images (nothing fetched from a server when the mail is opened).
import { html, type Html } from '../../views/html.ts';

export const FONT = `font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;`;
export const COLOR = { bg: '#fafaf9', surface: '#ffffff', text: '#1c1917', muted: '#57534e', line: '#e7e5e4', accent: '#b45309', accentBg: '#fef3c7', link: '#1d4ed8' };

export interface Frame {
  title: string;
  /** The line mail clients show next to the subject; hidden in the message itself. */
  preheader: string;
  baseUrl: string;
  body: Html;
  footer: Html;
}

export function frame(f: Frame): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${f.title}</title>
</head>
<body style="margin:0;padding:0;background:${COLOR.bg};${FONT}">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${f.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLOR.bg};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:${COLOR.surface};border:1px solid ${COLOR.line};border-radius:12px;border-collapse:separate;">
<tr><td style="padding:18px 24px;border-bottom:1px solid ${COLOR.line};">
<a href="${f.baseUrl}/" style="${FONT}font-weight:800;font-size:20px;color:${COLOR.text};text-decoration:none;">paper<span style="color:${COLOR.accent};">boy</span></a>
</td></tr>
${f.body}
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;">
<tr><td style="padding:16px 24px;${FONT}font-size:13px;line-height:1.5;color:${COLOR.muted};">${f.footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.value;
}

/** A link styled for mail. */
export function link(href: string, text: string | Html, style = ''): Html {
  return html`<a href="${href}" style="color:${COLOR.link};${style}">${text}</a>`;
}

/** Wraps plain text at about `width` columns for the text part. */
export function wrap(text: string, width = 76, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** The first ~two lines of an abstract, cut at a word. */
export function snippet(text: string | null, max = 170): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).replace(/[\s,;:.]+$/, '')}…`;
}
