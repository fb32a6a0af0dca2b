// Writing planned files: atomic per file (temp file in the same directory, fsync, rename), mode
// preserved, BOM restored, and refused when the file changed on disk since it was planned.
import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
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
      const out: ApplyResult = { written: [], refused: [], interrupted };
      // Reported in plan order, whatever order the writes finished in.
      for (const file of order) {
        if (written.has(file)) out.written.push(file.path);
        const problem = refused.get(file);
        if (problem) out.refused.push(problem);
      }
      return out;
    },
  };
}

/** applyPlan for a process that must react to signals, and the fast path (see streamingWriter). */
export async function applyPlanAsync(run: RunResult, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const writer = streamingWriter(run.root, opts);
  for (const file of run.files) writer.push(file);
  return writer.finish(run.files);
}

// Plain fd calls, not FileHandle objects: apply writes on the thread that also plans, and a FileHandle
// per call costs several times the syscall itself in this thread's time.
const fsCall = {
  lstat: promisify(fs.lstat),
  realpath: promisify(fs.realpath),
  readFile: promisify(fs.readFile),
  stat: promisify(fs.stat),
  open: promisify(fs.open),
  write: promisify(fs.write),
  fsync: promisify(fs.fsync),
  fchmod: promisify(fs.fchmod),
  close: promisify(fs.close),
  rename: promisify(fs.rename),
  unlink: promisify(fs.unlink),
};

/** writeOne's checks, then the same atomic write without blocking the event loop. */
async function writeOneAsync(root: string, file: FileResult, dirs: Set<string>): Promise<SkippedFile | undefined> {
  const abs = resolve(root, file.path);
  const rel = relative(root, abs);
  if (rel.startsWith('..') || rel.split(sep).includes('.git')) return { path: file.path, reason: 'symlink-outside-root', detail: 'refusing to write outside the scanned root or inside .git/' };
  try {
    let target = abs;
    let stats = await fsCall.lstat(abs);
    if (stats.isSymbolicLink()) {
      const real = await fsCall.realpath(abs);
      if (relative(root, real).startsWith('..')) return { path: file.path, reason: 'symlink-outside-root', detail: `symlink to ${real}, outside the root: not written` };
      target = real;
      stats = await fsCall.stat(target);
    }
    const bytes = await fsCall.readFile(abs);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (file.sha256 && sha !== file.sha256) return { path: file.path, reason: 'changed-on-disk', detail: 'the file changed after it was scanned; re-run to plan it again' };
    const content = Buffer.from((file.bom ? BOM : '') + file.planned, 'utf8');
    const mode = stats.mode & 0o7777;
    const tmp = join(dirname(target), `.${randomBytes(6).toString('hex')}.claude-migrate.tmp`);
    const fd = await fsCall.open(tmp, 'wx', mode);
    try {
      let off = 0;
      while (off < content.length) off += (await fsCall.write(fd, content, off, content.length - off)).bytesWritten;
      await fsCall.fsync(fd);
      await fsCall.fchmod(fd, mode); // open's mode is masked by the umask
    } catch (err) {
      await fsCall.close(fd);
      await fsCall.unlink(tmp).catch(() => undefined);
      throw err;
    }
    await fsCall.close(fd);
    try {
      await fsCall.rename(tmp, target);
    } catch (err) {
      await fsCall.unlink(tmp).catch(() => undefined);
      throw err;
    }
    dirs.add(dirname(target));
    return undefined;
  } catch (err) {
    return { path: file.path, reason: 'unreadable', detail: `not written: ${(err as Error).message}` };
  }
}

/** Directory fsync (not supported everywhere; the rename itself is atomic): once per directory, not per file. */
function syncDirectories(dirs: Set<string>): void {
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

function writeOne(root: string, file: FileResult, dirs?: Set<string>): SkippedFile | undefined {
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
    atomicWrite(target, content, statSync(target).mode, dirs);
    return undefined;
  } catch (err) {
    return { path: file.path, reason: 'unreadable', detail: `not written: ${(err as Error).message}` };
  }
}

/**
 * Write via a temp file in the same directory, fsync, then rename over the original: all-or-nothing.
 * With `dirs`, the directory fsync is left to the caller (once per directory).
 */
export function atomicWrite(path: string, content: Buffer, mode: number, dirs?: Set<string>): void {
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
  if (dirs) dirs.add(dirname(path));
  else syncDirectories(new Set([dirname(path)]));
}
