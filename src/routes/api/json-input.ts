// Reading a JSON request body against a zod schema: malformed JSON or a bad field is a 400 that
// names the field, never a 500.
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../../errors.ts';

export async function jsonInput<T extends z.ZodType>(c: Context, schema: T, example: string): Promise<z.output<T>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw badRequest(`send a JSON object like ${example} with Content-Type: application/json`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    if (!name) throw badRequest(`send a JSON object like ${example}`);
    // A message that already names its field ("cadence must be …") is not prefixed a second time.
    throw badRequest(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return parsed.data;
}
