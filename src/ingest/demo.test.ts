// The bundled demo corpus is exactly what scripts/build-demo.ts makes from the shared data, and carries
// arXiv's categories for the papers arXiv's metadata knows.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA, tempDir } from '../../test/support.ts';
import { DEMO_FILE } from './demo.ts';

describe('the demo corpus', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('is rebuilt byte for byte by scripts/build-demo.ts', () => {
    const out = join(dir.path, 'demo.jsonl.gz');
    const script = join(import.meta.dirname, '../../scripts/build-demo.ts');
    execFileSync(process.execPath, ['--import', 'tsx', script, DATA, '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out).equals(readFileSync(DEMO_FILE))).toBe(true);
  }, 60_000);

  it('has categories for the papers arXiv lists, primary first', () => {
    const papers = gunzipSync(readFileSync(DEMO_FILE)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(papers).toHaveLength(2076);
    const withCategories = papers.filter((p) => p.categories?.length);
    expect(withCategories.length).toBe(945);
    expect(papers.find((p) => p.arxiv_id === '2604.24575').categories).toEqual(['cs.CV']);
    expect(withCategories.filter((p) => p.categories.includes('cs.CV')).length).toBeGreaterThan(200);
  });
});
