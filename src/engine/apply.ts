// Writing planned files: atomic per file (temp file in the same directory, fsync, rename), mode
// preserved, BOM restored, and refused when the file changed on disk since it was planned.
import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileResult, RunResult, SkippedFile } from './types.js';

export interface ApplyOptions {
  /** Called after each file is written (progress, and what was written if interrupted). */
  onWrite?: (path: string) => void;
  /** Checked between files: true stops before the next write (Ctrl-C / SIGTERM). */
  shouldStop?: () => boolean;
}

export interface ApplyResult {
  written: string[];
  refused: SkippedFile[];
  interrupted: boolean;
}

const BOM = '\uFEFF';

export function applyPlan(run: RunResult, opts: ApplyOptions = {}): ApplyResult {
  const out: ApplyResult = { written: [], refused: [], interrupted: false };
  const root = realpathSync(run.root);
  for (const file of run.files) {
    if (file.planned === undefined || file.original === undefined) continue;
    if (opts.shouldStop?.()) {
      out.interrupted = true;
      break;
    }
    const problem = writeOne(root, file);
    if (problem) out.refused.push(problem);
    else {
      out.written.push(file.path);
      opts.onWrite?.(file.path);
    }
  }
  return out;
}

/**
 * applyPlan for a process that must react to signals: yields to the event loop before each file, so a SIGINT
 * or SIGTERM handler can set `shouldStop` between writes (applyPlan's synchronous loop never lets it run).
 */
export async function applyPlanAsync(run: RunResult, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const out: ApplyResult = { written: [], refused: [], interrupted: false };
  const root = realpathSync(run.root);
  for (const file of run.files) {
    if (file.planned === undefined || file.original === undefined) continue;
    await new Promise<void>((resolveTick) => setImmediate(resolveTick));
    if (opts.shouldStop?.()) {
      out.interrupted = true;
      break;
    }
    const problem = writeOne(root, file);
    if (problem) out.refused.push(problem);
    else {
      out.written.push(file.path);
      opts.onWrite?.(file.path);
    }
  }
  return out;
}

function writeOne(root: string, file: FileResult): SkippedFile | undefined {
  const abs = resolve(root, file.path);
  // Never write outside the root, through a symlink, or into .git/.
  const rel = relative(root, abs);
  if (rel.startsWith('..') || rel.split(sep).includes('.git')) return { path: file.path, reason: 'symlink-outside-root', detail: 'refusing to write outside the scanned root or inside .git/' };
  try {
    if (lstatSync(abs).isSymbolicLink()) {
      const real = realpathSync(abs);
      if (relative(root, real).startsWith('..')) return { path: file.path, reason: 'symlink-outside-root', detail: `symlink to ${real}, outside the root: not written` };
    }
    const bytes = readFileSync(abs);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (file.sha256 && sha !== file.sha256) return { path: file.path, reason: 'changed-on-disk', detail: 'the file changed after it was scanned; re-run to plan it again' };
    const content = Buffer.from((file.bom ? BOM : '') + file.planned, 'utf8');
    const target = lstatSync(abs).isSymbolicLink() ? realpathSync(abs) : abs;
    atomicWrite(target, content, statSync(target).mode);
    return undefined;
  } catch (err) {
    return { path: file.path, reason: 'unreadable', detail: `not written: ${(err as Error).message}` };
  }
}

/** Write via a temp file in the same directory, fsync, then rename over the original: all-or-nothing. */
export function atomicWrite(path: string, content: Buffer, mode: number): void {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.claude-migrate.tmp`);
  const fd = openSync(tmp, 'wx', mode & 0o7777);
  try {
    let off = 0;
    while (off < content.length) off += writeSync(fd, content, off, content.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
  closeSync(fd);
  chmodSync(tmp, mode & 0o7777);
  try {
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Directory fsync is not supported everywhere; the rename itself is atomic.
  }
}
