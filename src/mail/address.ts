// What paperboy accepts as an e-mail address: the HTML form's own rule (WHATWG `type=email`),
// with a dot in the domain, at most 254 characters, kept in lower case so one inbox is one address.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The normalised address, or null when the text is not one. */
export function normalizeAddress(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const address = text.trim().toLowerCase();
  if (address.length > 254 || !EMAIL.test(address)) return null;
  const local = address.slice(0, address.indexOf('@'));
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return address;
}
