// Scheduled search upkeep: retraining the corpus model once the archive has grown, in a child
// `paperboy index --rebuild` process so the web server's memory stays flat while it trains.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/driver.ts';
import { countPapers } from '../db/papers.ts';
import { currentModel } from '../db/vectors.ts';
import type { JobKind } from '../jobs/queue.ts';
import { CORPUS_KIND } from './embedder.ts';
import { providerMismatch } from './onnx.ts';

/** Retrain when the archive has grown by this fraction since the model was trained. */
export const RETRAIN_GROWTH = 0.05;

/**
 * Whether the scheduled job should build a new model: there is none, it is not the configured
 * provider's (`embeddingModel`: PAPERBOY_EMBEDDING_MODEL), or — for paperboy's own corpus model,
 * which learns from the papers — the archive has grown. A local ONNX model learns nothing from the
 * archive, so growth alone never re-embeds it.
 */
export async function retrainDue(db: Db, embeddingModel?: string): Promise<boolean> {
  const [model, papers] = await Promise.all([currentModel(db), countPapers(db)]);
  if (!papers) return false;
  if (!model || (await providerMismatch(model, embeddingModel)) !== null) return true;
  return model.kind === CORPUS_KIND && papers >= model.papers * (1 + RETRAIN_GROWTH);
}

const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

export const searchJobKinds: Record<string, JobKind> = {
  'search.retrain': {
    leaseMs: 30 * 60_000,
    async run(_payload: unknown, { db, config, log, heartbeat, signal }) {
      // Checked when it runs, not when queued: another process may have rebuilt meanwhile.
      if (!(await retrainDue(db, config.embeddingModel))) return;
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'index', '--rebuild'], {
          env: { ...process.env, PAPERBOY_DATABASE: config.database, PAPERBOY_DATA_DIR: config.dataDir },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        // Training takes a core for a while; at the lowest priority it never slows the pages down.
        if (child.pid) setPriority(child.pid, 19);
        let stderr = '';
        child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-2000)));
        const beat = setInterval(() => void heartbeat().catch(() => {}), 60_000);
        // Shutting down: the child stops and the job is retried by whichever process runs next.
        signal.addEventListener('abort', () => child.kill('SIGTERM'), { once: true });
        child.on('error', (e) => (clearInterval(beat), reject(e)));
        child.on('exit', (code) => {
          clearInterval(beat);
          if (code === 0) resolve();
          else reject(new Error(`paperboy index --rebuild exited with ${code}: ${stderr.trim()}`));
        });
      });
      log.info({ seconds: Math.round((performance.now() - started) / 1000) }, 'search model retrained');
    },
  },
};
