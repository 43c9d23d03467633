// Loaded with `node --import` into a paperboy process: that process finds no @huggingface/transformers,
// as after `npm install --omit=optional`, while the package stays installed for everything else.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === '@huggingface/transformers' || specifier.startsWith('@huggingface/transformers/')) {
    const e = new Error("Cannot find package '@huggingface/transformers' imported from " + context.parentURL);
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}`),
);
