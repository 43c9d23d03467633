// The scheduled retrain: a due `search.retrain` job trains a model in a child process, and skips
// the work while the archive has not grown since the last training.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentModel } from '../src/db/vectors.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { enqueue } from '../src/jobs/queue.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { createLogger } from '../src/log.ts';
import { nextRetrainTime, retrainDue } from '../src/search/jobs.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, testEnv, type TestEnv } from './support.ts';

describe('search.retrain job', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv('sqlite');
    await upsertPapers(t.db, topicPapers(10));
  });
  afterAll(async () => t.close());

  it('is scheduled daily at 04:15 UTC', () => {
    expect(nextRetrainTime(new Date('2026-03-01T03:00:00Z')).toISOString()).toBe('2026-03-01T04:15:00.000Z');
    expect(nextRetrainTime(new Date('2026-03-01T04:15:00Z')).toISOString()).toBe('2026-03-02T04:15:00.000Z');
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
});
