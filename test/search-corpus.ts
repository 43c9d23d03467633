// A small synthetic corpus with three topics, big enough for the semantic model to learn which
// words go together (each topic's words co-occur; no word crosses topics).
import type { PaperInput } from '../src/domain/paper.ts';
import { uniform } from '../src/search/random.ts';
import { buildPaper } from './support.ts';

const TOPICS = {
  quant: ['quantization', 'int4', 'weights', 'compression', 'lowbit', 'outliers', 'rounding', 'calibration', 'memory', 'inference'],
  diffusion: ['diffusion', 'denoising', 'sampler', 'image', 'latent', 'noise', 'generation', 'guidance', 'pixels', 'scheduler'],
  robots: ['robot', 'grasping', 'manipulation', 'gripper', 'policy', 'teleoperation', 'dexterous', 'tactile', 'arm', 'objects'],
} as const;
export type Topic = keyof typeof TOPICS;

/** Deterministic pseudo-random choice, so every run builds the same corpus. */
function picker(seed: number) {
  const next = uniform(seed);
  return <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
}

export function topicPapers(perTopic = 40): (PaperInput & { topic: Topic })[] {
  const pick = picker(7);
  const out: (PaperInput & { topic: Topic })[] = [];
  let n = 0;
  for (const [topic, words] of Object.entries(TOPICS) as [Topic, readonly string[]][]) {
    for (let i = 0; i < perTopic; i++) {
      n++;
      const sentence = () => Array.from({ length: 8 }, () => pick(words)).join(' ');
      out.push({
        ...buildPaper({
          id: `2601.${String(20000 + n).padStart(5, '0')}`,
          title: `${pick(words)} ${pick(words)} study ${n}`,
          abstract: `${sentence()}. ${sentence()}. ${sentence()}.`,
          authors: [{ name: topic === 'robots' ? 'Grace Hopper' : 'Ada Lovelace' }],
          categories: [topic === 'robots' ? 'cs.RO' : topic === 'diffusion' ? 'cs.CV' : 'cs.LG'],
          publishedAt: `2026-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
          upvotes: n % 17,
          githubUrl: n % 3 === 0 ? `https://github.com/example/repo${n}` : null,
        }),
        topic,
      });
    }
  }
  return out;
}
