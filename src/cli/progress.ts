// Progress on a terminal for scans over ~200 files: a bar with counts and ETA. Nothing when not a
// TTY or in CI (plain, line-based output only).
export function progressReporter(stream: NodeJS.WriteStream): { update: (done: number, total: number, path: string) => void; done: () => void } | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  let started = 0;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      if (total < 200) return;
      const now = Date.now();
      if (!started) started = now;
      if (now - last < 80 && done < total) return;
      last = now;
      const width = 30;
      const frac = total ? done / total : 1;
      const eta = done > 0 ? ((now - started) / done) * (total - done) : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      stream.write(`\r${bar} ${done}/${total} files  ETA ${(eta / 1000).toFixed(1)}s `);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
