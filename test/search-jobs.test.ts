// The scheduled retrain: a due `search.retrain` job trains a model in a child process, and skips
// the work while the archive has not grown since the last training, or while a local ONNX model is current.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentModel } from '../src/db/vectors.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { enqueue } from '../src/jobs/queue.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { createLogger } from '../src/log.ts';
import { periodicJobs } from '../src/jobs/registry.ts';
import { retrainDue } from '../src/search/jobs.ts';
import { join } from 'node:path';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { writeTinyModel } from './onnx-model.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, tempDir, testEnv, type TestEnv } from './support.ts';

describe('search.retrain job', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv('sqlite');
    await upsertPapers(t.db, topicPapers(10));
  });
  afterAll(async () => t.close());

  it('is scheduled daily at 04:15 UTC', () => {
    const next = (at: string) => periodicJobs.find((p) => p.name === 'search.retrain')!.next(new Date(at), t.config).toISOString();
    expect(next('2026-03-01T03:00:00Z')).toBe('2026-03-01T04:15:00.000Z');
    expect(next('2026-03-01T04:15:00Z')).toBe('2026-03-02T04:15:00.000Z');
  });

  it('trains when there is no model, then waits for the archive to grow by 5%', async () => {
    expect(await retrainDue(t.db)).toBe(true);
    await enqueue(t.db, 'search.retrain', {});
    const deps = { db: t.db, config: t.config, log: createLogger('silent') };
    expect(await runDueJobs(deps)).toBe(1);
    const model = await currentModel(t.db);
    expect(model?.papers).toBe(30);
    expect(await retrainDue(t.db)).toBe(false);
    await upsertPapers(t.db, [buildPaper(), buildPaper()]);
    expect(await retrainDue(t.db)).toBe(true);
  }, 90_000);

  it('follows the configured provider: due on a switch, never for growth alone under a local ONNX model', async () => {
    const dir = tempDir();
    try {
      const onnx = join(dir.path, 'tiny');
      writeTinyModel(onnx, { topics: { quant: ['quantization', 'rounding'] }, words: ['model'] });
      expect(await retrainDue(t.db, onnx)).toBe(true);
      await retrain(t.db, searchEngine(t.db).semantic, {}, undefined, onnx);
      expect((await currentModel(t.db))?.kind).toBe('onnx:tiny');
      await upsertPapers(t.db, [buildPaper(), buildPaper(), buildPaper(), buildPaper()]);
      expect(await retrainDue(t.db, onnx)).toBe(false);
      expect(await retrainDue(t.db)).toBe(true);
    } finally {
      dir.remove();
    }
  }, 90_000);
});
