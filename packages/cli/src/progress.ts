import cliProgress from 'cli-progress';
import type { Output } from './context';

/** A progress display: a cli-progress bar on a terminal, nothing otherwise. */
export type Progress = {
  update: (value: number, total?: number) => void;
  stop: () => void;
};

const NO_PROGRESS: Progress = { update: () => {}, stop: () => {} };

/**
 * Start a progress bar on `out` (stderr) when it is a terminal, so piped output and logs stay clean.
 * @param label - shown before the bar
 * @param total - the value at completion (may be updated later)
 */
export function startProgress(out: Output, label: string, total: number): Progress {
  if (!out.isTTY) {
    return NO_PROGRESS;
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      stream: out as unknown as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return {
    update: (value, newTotal) => {
      if (newTotal !== undefined) {
        bar.setTotal(Math.max(newTotal, 1));
      }
      // Nothing to do counts as done, not as 0 of 1.
      bar.update(newTotal === 0 ? 1 : value);
    },
    stop: () => bar.stop(),
  };
}
