// Pieces every account form uses: the anti-forgery field, labelled inputs that show their error,
// and a notice line. Passwords are never echoed back into a form.
import { html, type Html } from './html.ts';

export type FieldErrors = Partial<Record<string, string>>;

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  autofocus?: boolean;
  /** Prefix for the element id when one page has several forms with the same field names. */
  form?: string;
}

export function field(o: FieldOptions, errors: FieldErrors = {}): Html {
  const id = `${o.form ? `${o.form}-` : ''}${o.name}`;
  const error = errors[o.name];
  // With an error on the form, the cursor goes to the field to fix, not to the usual first field.
  const focus = error ? true : o.autofocus && !Object.values(errors).some(Boolean);
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${id}">${o.label}</label>
    <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}"${o.type === 'password' ? '' : html` value="${o.value ?? ''}"`}
      ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''} ${o.required === false ? '' : 'required'}
      ${o.minlength ? html`minlength="${o.minlength}"` : ''} ${o.maxlength ? html`maxlength="${o.maxlength}"` : ''}
      ${o.pattern ? html`pattern="${o.pattern}"` : ''} ${focus ? 'autofocus' : ''}
      ${described ? html`aria-describedby="${described}"` : ''} ${error ? 'aria-invalid="true"' : ''}>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
  </div>`;
}

export function notice(kind: 'ok' | 'error', text: string | undefined): Html {
  if (!text) return html``;
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}
