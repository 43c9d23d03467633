// Hugging Face API clients read our answers as they read Hugging Face's: each sample response in
// ../shared/data/hf-api-samples is imported, and /api/daily_papers and /api/papers/ID must give back
// every key it has, with the same type and value. Extra keys are allowed only where listed below.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import { importFile } from '../../ingest/importer.ts';

const SAMPLES = join(DATA, 'hf-api-samples');
const FILES = readdirSync(SAMPLES).filter((f) => f.endsWith('.json')).sort();

/**
 * Keys Hugging Face's older responses (2025) lack and we send as its current ones (2026) do: the
 * submitter's `name` beside `user`, and `isUserFollowing`. A client written for either reads both.
 */
const ALLOWED_EXTRA = new Set(['paper.submittedOnDailyBy.name', 'submittedBy.isUserFollowing']);

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every difference between Hugging Face's value and ours, as `path: what`. */
function differences(hf: unknown, ours: unknown, path: string, out: string[] = []): string[] {
  if (kind(hf) !== kind(ours)) {
    out.push(`${path}: ${ours === undefined ? 'missing' : `${kind(ours)} where Hugging Face has ${kind(hf)}`}`);
  } else if (Array.isArray(hf)) {
    const o = ours as unknown[];
    if (hf.length !== o.length) out.push(`${path}: ${o.length} entries where Hugging Face has ${hf.length}`);
    hf.forEach((v, i) => differences(v, o[i], `${path}[${i}]`, out));
  } else if (hf && typeof hf === 'object') {
    const o = ours as Record<string, unknown>;
    for (const [k, v] of Object.entries(hf)) differences(v, o[k], path ? `${path}.${k}` : k, out);
    const generic = path.replace(/\[\d+\]/g, '[]');
    for (const k of Object.keys(o)) if (!(k in hf) && !ALLOWED_EXTRA.has(generic ? `${generic}.${k}` : k)) out.push(`${path}.${k}: not sent by Hugging Face`);
  } else if (hf !== ours) {
    out.push(`${path}: ${JSON.stringify(ours)} where Hugging Face has ${JSON.stringify(hf)}`);
  }
  return out;
}

describe.each(DATABASES)('Hugging Face samples through import and the API on $name', ({ name }) => {
  let t: TestEnv;
  const get = async (path: string) => {
    const res = await testApp(t).request(path);
    expect(res.status, path).toBe(200);
    return res.json() as Promise<any>;
  };
  beforeAll(async () => {
    t = await testEnv(name);
    for (const f of FILES) await importFile(t.db, join(SAMPLES, f));
  });
  afterAll(async () => t.close());

  it.each(FILES)('gives back every item of %s key for key, type for type, value for value', async (file) => {
    const raw = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as any[];
    const day = raw[0].paper.submittedOnDailyAt.slice(0, 10);
    const ours = new Map(((await get(`/api/daily_papers?date=${day}&limit=100`)) as any[]).map((i) => [i.paper.id, i]));
    expect(ours.size).toBe(raw.length);
    const problems = raw.flatMap((item) => differences(item, ours.get(item.paper.id), '').map((d) => `${item.paper.id}: ${d}`));
    expect(problems).toEqual([]);
  });

  it.each(FILES)('gives back every paper of %s from /api/papers/ID as the item has it', async (file) => {
    const raw = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as any[];
    const problems: string[] = [];
    for (const item of raw) {
      const paper = await get(`/api/papers/${item.paper.id}`);
      problems.push(...differences({ paper: item.paper }, { paper }, '').map((d) => `${item.paper.id}: ${d}`));
    }
    expect(problems).toEqual([]);
  });

  it('documents every key it sends in /api/openapi.json, and requires those always sent', async () => {
    const { components } = await get('/api/openapi.json');
    const schema = (name: string) => components.schemas[name] as { required: string[]; properties: Record<string, unknown> };
    const items = (await get('/api/daily_papers?date=2026-08-21&limit=100')) as any[];
    const check = (name: string, objects: any[]) => {
      const { required, properties } = schema(name);
      for (const o of objects) {
        expect(Object.keys(o).filter((k) => !(k in properties)), name).toEqual([]);
        expect(required.filter((k) => !(k in o)), name).toEqual([]);
      }
    };
    check('DailyPaper', items);
    check('Paper', items.map((i) => i.paper));
    check('User', items.map((i) => i.submittedBy));
    check('UserSummary', [...items.map((i) => i.paper.submittedOnDailyBy), ...items.flatMap((i) => i.paper.authors.filter((a: any) => a.user).map((a: any) => a.user))]);
    check('Author', items.flatMap((i) => i.paper.authors));
    check('Organization', items.map((i) => i.organization));
  });

  it('fails on a key it does not send, and on one of another type', () => {
    expect(differences({ a: { b: 1, c: [{ d: 'x' }] } }, { a: { c: [{}] } }, '')).toEqual(['a.b: missing', 'a.c[0].d: missing']);
    expect(differences({ n: 1 }, { n: '1' }, 'p')).toEqual(['p.n: string where Hugging Face has number']);
  });
});
