// The files of a local sentence-embedding model directory (Hugging Face layout) and their content
// hashes, read without loading the model: the start-up check and telling a changed model apart.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** The SHA-256 of every file the provider reads, by name: a model row records them. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of MODEL_FILES) out[f] = await sha256(join(dir, f));
  return out;
}

/** Names of the files whose hashes differ (a file gone counts as changed). */
export async function changedFiles(dir: string, recorded: Record<string, string>): Promise<string[]> {
  const changed: string[] = [];
  for (const [f, hash] of Object.entries(recorded)) {
    const file = join(dir, f);
    if (!existsSync(file) || (await sha256(file)) !== hash) changed.push(f);
  }
  return changed;
}
