// apply's writes on a thread of their own: the same streaming writer as in-thread (checks, temp file,
// fsync, rename, several files in flight), on a thread whose event loop does nothing else, so the file
// creations and fsyncs (about 1 ms a file on a journaling file system) take no turns from the thread
// that plans files and feeds the planning workers.
// This module is also the writer thread's entry (see the bottom of the file).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { plannedBytes, resultInOrder, streamingWriter, writeOne, type ApplyOptions, type StreamingWriter } from './apply.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { FileResult, SkippedFile } from './types.js';

const WRITER_ROLE = 'claude-migrate-write-thread';

type ToWriter =
  | { kind: 'write'; id: number; path: string; planned: string; bom?: boolean; sha256?: string }
  | { kind: 'finish' };
type FromWriter =
  | { kind: 'written'; id: number }
  | { kind: 'refused'; id: number; problem: SkippedFile }
  | { kind: 'finished' };

export interface ThreadedWriter extends StreamingWriter {
  /** Write nothing more after the file in progress (a signal handler calls it; the thread sees it at once). */
  stop(): void;
}

/**
 * A StreamingWriter whose writes run on a thread of their own, started in the order pushed. The thread starts
 * with the first file; if it cannot start, or dies, the files it did not confirm are written in this
 * thread (a file already holding its planned bytes counts as written). `stop()` and `shouldStop` end the
 * writes between files, as for streamingWriter.
 */
export function threadedWriter(runRoot: string, opts: ApplyOptions = {}): ThreadedWriter {
  const root = realpathSync(runRoot);
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const files: FileResult[] = [];
  const written = new Set<FileResult>();
  const refused = new Map<FileResult, SkippedFile>();
  let worker: Worker | undefined;
  /** The thread could not be started: every file is written in this thread. */
  let failed = false;
  /** Settles when the thread has said it is done, or has exited (it may die before finish is called). */
  let done: Promise<void> | undefined;
  let markDone: () => void = () => undefined;
  let interrupted = false;
  const stopped = () => {
    if (opts.shouldStop?.()) Atomics.store(stopFlag, 0, 1);
    return Atomics.load(stopFlag, 0) === 1;
  };

  const start = (): Worker | undefined => {
    if (worker || failed) return worker;
    try {
      const { entry, evaluate } = workerEntry(import.meta.url, './write-thread.js');
      worker = new Worker(entry, { workerData: { role: WRITER_ROLE, root, stopFlag }, eval: evaluate });
    } catch {
      failed = true;
      return undefined;
    }
    done = new Promise<void>((resolveDone) => { markDone = resolveDone; });
    worker.on('message', (msg: FromWriter) => {
      if (msg.kind === 'written') {
        written.add(files[msg.id]);
        opts.onWrite?.(files[msg.id].path);
      } else if (msg.kind === 'refused') refused.set(files[msg.id], msg.problem);
      else markDone();
    });
    // A thread that fails exits: finish then writes here whatever it did not confirm.
    worker.on('error', () => undefined);
    worker.on('exit', () => markDone());
    return worker;
  };

  const writeHere = (file: FileResult): void => {
    const problem = planInPlace(root, file) ? undefined : writeOne(root, file);
    if (problem) refused.set(file, problem);
    else {
      written.add(file);
      opts.onWrite?.(file.path);
    }
  };

  return {
    push(file) {
      if (file.planned === undefined || file.original === undefined) return;
      if (stopped()) {
        interrupted = true;
        return;
      }
      const id = files.push(file) - 1;
      const w = start();
      if (w) w.postMessage({ kind: 'write', id, path: file.path, planned: file.planned, bom: file.bom, sha256: file.sha256 } satisfies ToWriter);
    },
    stop() {
      Atomics.store(stopFlag, 0, 1);
    },
    async finish(order = files) {
      if (stopped()) interrupted = true;
      worker?.postMessage({ kind: 'finish' } satisfies ToWriter);
      await done;
      await worker?.terminate();
      // Files the thread never confirmed (it could not start, or died): written here unless stopped.
      for (const file of files) {
        if (written.has(file) || refused.has(file)) continue;
        if (stopped()) {
          interrupted = true;
          break;
        }
        writeHere(file);
      }
      return resultInOrder(order, written, refused, interrupted);
    },
  };
}

/** The file already holds exactly its planned bytes (a writer thread wrote it and died before saying so). */
function planInPlace(root: string, file: FileResult): boolean {
  try {
    return readFileSync(resolve(root, file.path)).equals(plannedBytes(file));
  } catch {
    return false;
  }
}

/** The writer for apply: on a thread of its own, or in this thread when threads are turned off. */
export function applyWriter(runRoot: string, opts: ApplyOptions = {}): StreamingWriter & { stop(): void } {
  if (process.env.CLAUDE_MIGRATE_WRITE_THREAD === '0') {
    let stop = false;
    const writer = streamingWriter(runRoot, { ...opts, shouldStop: () => stop || !!opts.shouldStop?.() });
    return { ...writer, stop: () => { stop = true; } };
  }
  return threadedWriter(runRoot, opts);
}

// ---------------------------------------------------------------- writer thread

function runWriter(): void {
  const { root, stopFlag } = workerData as { root: string; stopFlag: Int32Array };
  const port = parentPort!;
  const ids = new Map<string, number>();
  // The in-thread writer, on this thread's otherwise idle event loop: several fsyncs in flight on
  // libuv's pool, and none of its event-loop turns taken from planning.
  const writer = streamingWriter(root, {
    shouldStop: () => Atomics.load(stopFlag, 0) === 1,
    onWrite: (path) => port.postMessage({ kind: 'written', id: ids.get(path)! } satisfies FromWriter),
  });
  port.on('message', (msg: ToWriter) => {
    if (msg.kind === 'write') {
      ids.set(msg.path, msg.id);
      // Only the fields a write reads cross the thread boundary.
      writer.push({ path: msg.path, planned: msg.planned, original: '', bom: msg.bom, sha256: msg.sha256 } as FileResult);
      return;
    }
    void writer.finish().then((result) => {
      for (const problem of result.refused) port.postMessage({ kind: 'refused', id: ids.get(problem.path)!, problem } satisfies FromWriter);
      port.postMessage({ kind: 'finished' } satisfies FromWriter);
    });
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WRITER_ROLE) runWriter();
