// Writing planned files: atomic per file (temp file in the same directory, fsync, rename), mode
// preserved, BOM restored, and refused when the file changed on disk since it was planned.
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
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

/** The bytes a planned file is written as (its BOM restored). */
export function plannedBytes(file: WritableFile): Buffer {
  return Buffer.from((file.bom ? BOM : '') + (file.planned ?? ''), 'utf8');
}

/** What a write needs of a planned file. */
export type WritableFile = Pick<FileResult, 'path' | 'planned' | 'bom' | 'sha256'>;

export function applyPlan(run: RunResult, opts: ApplyOptions = {}): ApplyResult {
  const out: ApplyResult = { written: [], refused: [], interrupted: false };
  const root = realpathSync(run.root);
  const dirs = new Set<string>();
  for (const file of run.files) {
    if (file.planned === undefined || file.original === undefined) continue;
    if (opts.shouldStop?.()) {
      out.interrupted = true;
      break;
    }
    const problem = writeOne(root, file, dirs);
    if (problem) out.refused.push(problem);
    else {
      out.written.push(file.path);
      opts.onWrite?.(file.path);
    }
  }
  syncDirectories(dirs);
  return out;
}

/** Files written at once: fsyncs run in parallel on libuv's pool, and the disk commits them together. */
const WRITE_CONCURRENCY = 8;

/**
 * A writer that takes planned files as they come (apply writes while the rest of the scope is still
 * being planned, so the fsyncs overlap the parsing) and writes each atomically (temp file + fsync +
 * rename), up to WRITE_CONCURRENCY at once. `shouldStop` (set by a SIGINT or SIGTERM handler, which
 * runs between awaits) is checked before each new file; files already started finish. `finish`
 * waits for the queue, fsyncs each directory once, and reports in the order given to it.
 */
export interface StreamingWriter {
  /** Queue a planned file (files without a planned text are ignored). */
  push(file: FileResult): void;
  finish(order?: readonly FileResult[]): Promise<ApplyResult>;
}

export function streamingWriter(runRoot: string, opts: ApplyOptions = {}): StreamingWriter {
  const root = realpathSync(runRoot);
  const dirs = new Set<string>();
  const queue: FileResult[] = [];
  const pushed: FileResult[] = [];
  const refused = new Map<FileResult, SkippedFile>();
  const written = new Set<FileResult>();
  let interrupted = false;
  let active = 0;
  let idle: (() => void) | undefined;

  const lane = async (): Promise<void> => {
    active++;
    try {
      while (queue.length) {
        await new Promise<void>((resolveTick) => setImmediate(resolveTick));
        if (opts.shouldStop?.()) {
          interrupted = true;
          queue.length = 0;
          return;
        }
        const file = queue.shift();
        if (!file) return;
        const problem = await writeOneAsync(root, file, dirs);
        if (problem) refused.set(file, problem);
        else {
          written.add(file);
          opts.onWrite?.(file.path);
        }
      }
    } finally {
      active--;
      if (active === 0) idle?.();
    }
  };

  return {
    push(file) {
      if (file.planned === undefined || file.original === undefined) return;
      if (interrupted || opts.shouldStop?.()) {
        interrupted = true;
        return;
      }
      pushed.push(file);
      queue.push(file);
      if (active < WRITE_CONCURRENCY) void lane();
    },
    async finish(order = pushed) {
      if (active > 0) await new Promise<void>((resolveIdle) => { idle = resolveIdle; });
      await syncDirectoriesAsync(dirs);
      return resultInOrder(order, written, refused, interrupted);
    },
  };
}

/** A writer's result in plan order, whatever order the writes finished in. */
export function resultInOrder(order: readonly FileResult[], written: ReadonlySet<FileResult>, refused: ReadonlyMap<FileResult, SkippedFile>, interrupted: boolean): ApplyResult {
  const out: ApplyResult = { written: [], refused: [], interrupted };
  for (const file of order) {
    if (written.has(file)) out.written.push(file.path);
    const problem = refused.get(file);
    if (problem) out.refused.push(problem);
  }
  return out;
}

/** applyPlan for a process that must react to signals, and the fast path (see streamingWriter). */
export async function applyPlanAsync(run: RunResult, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const writer = streamingWriter(run.root, opts);
  for (const file of run.files) writer.push(file);
  return writer.finish(run.files);
}

const fsyncAsync = promisify(fs.fsync);

/** A temp file written beside its target, not yet fsynced or renamed. */
interface PendingWrite {
  fd: number;
  tmp: string;
  target: string;
}

/**
 * Every check before a write (inside the root, not into .git/, symlinks resolved inside the root, the
 * bytes on disk still the planned ones), then the new content into a temp file beside the target with
 * the original's mode. A problem is returned, never thrown; on a problem no temp file is left.
 */
function prepareWrite(root: string, file: WritableFile): { problem: SkippedFile } | { pending: PendingWrite } {
  const abs = resolve(root, file.path);
  // Never write outside the root, through a symlink, or into .git/.
  const rel = relative(root, abs);
  if (rel.startsWith('..') || rel.split(sep).includes('.git')) return { problem: { path: file.path, reason: 'symlink-outside-root', detail: 'refusing to write outside the scanned root or inside .git/' } };
  try {
    let target = abs;
    if (lstatSync(abs).isSymbolicLink()) {
      const real = realpathSync(abs);
      if (relative(root, real).startsWith('..')) return { problem: { path: file.path, reason: 'symlink-outside-root', detail: `symlink to ${real}, outside the root: not written` } };
      target = real;
    }
    const bytes = readFileSync(abs);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (file.sha256 && sha !== file.sha256) return { problem: { path: file.path, reason: 'changed-on-disk', detail: 'the file changed after it was scanned; re-run to plan it again' } };
    const content = plannedBytes(file);
    const mode = statSync(target).mode & 0o7777;
    const tmp = join(dirname(target), `.${randomBytes(6).toString('hex')}.claude-migrate.tmp`);
    const fd = openSync(tmp, 'wx', mode);
    try {
      let off = 0;
      while (off < content.length) off += writeSync(fd, content, off, content.length - off);
      fchmodSync(fd, mode); // open's mode is masked by the umask
    } catch (err) {
      discard(fd, tmp);
      throw err;
    }
    return { pending: { fd, tmp, target } };
  } catch (err) {
    return { problem: notWritten(file, err) };
  }
}

/**
 * After the fsync (or its failure): close and rename over the target (atomic), or remove the temp file
 * and say why. The descriptor is closed exactly once: another write may reuse its number at once.
 */
function settle(file: WritableFile, p: PendingWrite, dirs: Set<string> | undefined, fsyncError?: unknown): SkippedFile | undefined {
  if (fsyncError !== undefined) {
    discard(p.fd, p.tmp);
    return notWritten(file, fsyncError);
  }
  try {
    closeSync(p.fd);
    renameSync(p.tmp, p.target);
  } catch (err) {
    try { unlinkSync(p.tmp); } catch { /* already gone */ }
    return notWritten(file, err);
  }
  if (dirs) dirs.add(dirname(p.target));
  else syncDirectories(new Set([dirname(p.target)]));
  return undefined;
}

function discard(fd: number, tmp: string): void {
  try { closeSync(fd); } catch { /* already closed */ }
  try { unlinkSync(tmp); } catch { /* already gone */ }
}

function notWritten(file: WritableFile, err: unknown): SkippedFile {
  return { path: file.path, reason: 'unreadable', detail: `not written: ${(err as Error).message}` };
}

/**
 * writeOne with the fsync (the one slow call, about 0.5 ms) on libuv's pool. The other calls are fast
 * local syscalls done in one step: each await costs a turn of an event loop that is also planning files,
 * and a write that waited for eleven turns lagged the planning by most of a second on 2000 files.
 */
async function writeOneAsync(root: string, file: FileResult, dirs: Set<string>): Promise<SkippedFile | undefined> {
  const prepared = prepareWrite(root, file);
  if ('problem' in prepared) return prepared.problem;
  const fsyncError = await fsyncAsync(prepared.pending.fd).then(() => undefined, (err: unknown) => err ?? new Error('fsync failed'));
  return settle(file, prepared.pending, dirs, fsyncError);
}

/** Directory fsync (not supported everywhere; the rename itself is atomic): once per directory, not per file. */
export function syncDirectories(dirs: Set<string>): void {
  for (const dir of dirs) {
    try {
      const dfd = openSync(dir, 'r');
      fsyncSync(dfd);
      closeSync(dfd);
    } catch {
      // unsupported here
    }
  }
}

async function syncDirectoriesAsync(dirs: Set<string>): Promise<void> {
  await Promise.all([...dirs].map(async (dir) => {
    try {
      const handle = await fsp.open(dir, 'r');
      await handle.sync().finally(() => handle.close());
    } catch {
      // unsupported here
    }
  }));
}

export function writeOne(root: string, file: WritableFile, dirs?: Set<string>): SkippedFile | undefined {
  const prepared = prepareWrite(root, file);
  if ('problem' in prepared) return prepared.problem;
  let fsyncError: unknown;
  try {
    fsyncSync(prepared.pending.fd);
  } catch (err) {
    fsyncError = err ?? new Error('fsync failed');
  }
  return settle(file, prepared.pending, dirs, fsyncError);
}

