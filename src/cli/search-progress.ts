// A stage-by-stage progress bar for the search commands, on a terminal only (quiet when piped).
import { SingleBar } from 'cli-progress';
import { isInteractive } from './context.ts';

export interface StageBar {
  update: (stage: string, done: number, total: number) => void;
  stop: () => void;
}

export function progressBar(label: string): StageBar | null {
  if (!isInteractive()) return null;
  const bar = new SingleBar({ format: `${label} {stage} [{bar}] {value}/{total}`, hideCursor: true, stream: process.stderr });
  let started = false;
  return {
    update(stage, done, total) {
      if (!started) (bar.start(Math.max(total, 1), done, { stage }), (started = true));
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, { stage });
    },
    stop: () => started && bar.stop(),
  };
}
