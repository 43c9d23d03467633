// The files of a local sentence-embedding model directory (Hugging Face layout) and their content
// hashes, read without loading the model: the start-up check and telling a changed model apart.
// Each file is read once per process while it stays as it was (checks at start-up ask several times).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync, type BigIntStats } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the provider reads; the ONNX file is the fp32 export transformers.js picks on the CPU. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;

/** Why this directory cannot be used as a model, in one line naming it; null when it can. */
export function modelDirProblem(dir: string): string | null {
  if (!existsSync(dir)) return `no model directory at ${dir}`;
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a model directory`;
  const missing = MODEL_FILES.filter((f) => !existsSync(join(dir, f)));
  if (!missing.length) return null;
  return `the model directory ${dir} has no ${missing.join(', ')} (expected ${MODEL_FILES.join(', ')})`;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** What tells one state of a file from another without reading it (ctime: a rewrite with its mtime put back). */
function stampOf(s: BigIntStats): string {
  return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * A file modified this recently could change again within its timestamp's resolution (coarse on many
 * file systems) without its stamp changing, so its hash is not remembered.
 */
const SETTLED_MS = 2000;

/** Hashes by absolute path, kept while the file's stamp is unchanged: hundreds of MB are read once per process. */
const digests = new Map<string, { stamp: string; hash: Promise<string> }>();

/** The SHA-256 of a file, from memory while its size, times and inode are those it was hashed at. */
function digest(file: string): Promise<string> {
  const path = resolve(file);
  const stamp = stampOf(statSync(path, { bigint: true }));
  const known = digests.get(path);
  if (known?.stamp === stamp) return known.hash;
  const entry = { stamp, hash: sha256(path) };
  const forget = () => digests.get(path) === entry && digests.delete(path);
  entry.hash.then(
    () => {
      const now = statSync(path, { bigint: true, throwIfNoEntry: false });
      if (!now || stampOf(now) !== stamp || Date.now() - Number(now.mtimeMs) < SETTLED_MS) forget();
    },
    forget,
  );
  digests.set(path, entry);
  return entry.hash;
}

/** The SHA-256 of every file the provider reads, by name: a model row records them. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of MODEL_FILES) out[f] = await digest(join(dir, f));
  return out;
}

/** Names of the files whose hashes differ (a file gone counts as changed). */
export async function changedFiles(dir: string, recorded: Record<string, string>): Promise<string[]> {
  const changed: string[] = [];
  for (const [f, hash] of Object.entries(recorded)) {
    const file = join(dir, f);
    if (!existsSync(file) || (await digest(file)) !== hash) changed.push(f);
  }
  return changed;
}
