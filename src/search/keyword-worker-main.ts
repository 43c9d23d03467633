// The worker side of the keyword index build: pages of papers in, one acknowledgement per page,
// and at the end the finished index's arrays, handed over without a copy.
import { parentPort } from 'node:worker_threads';
import { KeywordIndexBuilder, transferList } from './keyword-build.ts';
import type { IndexedPaper } from './keyword-scoring.ts';

const builder = new KeywordIndexBuilder();
const port = parentPort!;
port.on('message', async (m: { page?: (IndexedPaper & { paperId: string })[]; finish?: boolean }) => {
  if (m.page) {
    for (const p of m.page) builder.add(p.paperId, p);
    port.postMessage({ done: m.page.length });
  } else if (m.finish) {
    const parts = await builder.finish(async () => {});
    port.postMessage({ parts }, transferList(parts));
  }
});
