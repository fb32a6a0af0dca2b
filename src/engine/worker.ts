// Planning candidate files, in this thread or on a pool of worker threads (one per core) when there
// are enough of them. Each file is read, parsed and planned where it is planned, so the main thread
// never holds every file's text; outcomes come back as plain data and are put back in candidate
// order, so a run gives the same RunResult with or without workers.
// This module is also the workers' entry point (see the bottom of the file).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { getModel } from '../catalog/index.js';
import type { ModelInfo } from '../catalog/types.js';
import { readCandidate } from '../scanner/read.js';
import { detectLanguage } from '../scanner/language.js';
import type { Transition } from '../rules/types.js';
import { planFile, type PlanFileOptions } from './plan-file.js';
import type { FileResult, SkippedFile } from './types.js';

/** What planning one candidate produced, in the order a sequential run reports it. */
export interface CandidateOutcome {
  skipped: SkippedFile[];
  /** Present when the file has findings or planned edits. */
  file?: FileResult;
  transitions: Transition[];
  /** The file was read and went through the planner. */
  parsed: boolean;
}

export interface CandidatePlanOptions extends PlanFileOptions {
  maxBytes?: number;
}

export interface PlanCandidatesOptions {
  /** Worker threads: undefined = automatic (see workerCount), 0 = plan in this thread. */
  workers?: number;
  onProgress?: (done: number, total: number, path: string) => void;
  /** After the run: how many files worker threads planned (the rest were planned in this thread). */
  onPoolDone?: (stats: { workers: number; plannedOnWorkers: number }) => void;
}

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
/** Below this many candidates a pool costs more (worker start, module and grammar loading per worker) than it saves. */
export const WORKER_MIN_CANDIDATES = 64;
/** Files each worker is handed ahead, so it never waits for the main thread between files. */
const IN_FLIGHT_PER_WORKER = 2;
const WORKER_ROLE = 'claude-migrate-plan-worker';

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return text.slice(0, nl === -1 ? 200 : Math.min(nl, 200));
}

/** Read and plan one candidate file. Never throws: one bad file never stops the run. */
export async function planCandidate(root: string, rel: string, opts: CandidatePlanOptions): Promise<CandidateOutcome> {
  const read = readCandidate(root, rel, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  if (!read.ok) return { skipped: [{ path: rel, reason: read.reason, detail: read.detail }], transitions: [], parsed: false };
  const language = detectLanguage(rel, firstLine(read.text)) ?? 'text';
  try {
    const fp = await planFile(rel, read.text, language, opts);
    const skipped: SkippedFile[] = fp.problem ? [{ path: rel, reason: fp.problem.reason, detail: fp.problem.detail }] : [];
    const r = fp.result;
    if (r.findings.length === 0 && !r.planned) return { skipped, transitions: fp.transitions, parsed: true };
    r.sha256 = read.sha256;
    r.bom = read.bom || undefined;
    return { skipped, file: r, transitions: fp.transitions, parsed: true };
  } catch (err) {
    return { skipped: [{ path: rel, reason: 'parse-error', detail: `internal error while planning: ${(err as Error).message}` }], transitions: [], parsed: false };
  }
}

/**
 * How many workers to use for `candidates` files. `requested` (or CLAUDE_MIGRATE_WORKERS) overrides;
 * otherwise one per available core once there are WORKER_MIN_CANDIDATES files, none on a single core.
 */
export function workerCount(candidates: number, requested?: number): number {
  const env = process.env.CLAUDE_MIGRATE_WORKERS;
  const forced = requested ?? (env !== undefined && env !== '' && Number.isFinite(Number(env)) ? Number(env) : undefined);
  if (forced !== undefined) return Math.max(0, Math.min(Math.floor(forced), candidates));
  if (candidates < WORKER_MIN_CANDIDATES) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, Math.ceil(candidates / 32));
}

/** Plan every candidate; outcomes in candidate order. */
export async function planCandidates(root: string, candidates: string[], opts: CandidatePlanOptions, pool: PlanCandidatesOptions = {}): Promise<CandidateOutcome[]> {
  // A per-finding decision callback (the interactive UI) cannot cross a thread boundary.
  const workers = opts.decide ? 0 : workerCount(candidates.length, pool.workers);
  if (workers === 0) {
    const out: CandidateOutcome[] = [];
    for (let i = 0; i < candidates.length; i++) {
      pool.onProgress?.(i, candidates.length, candidates[i]);
      out.push(await planCandidate(root, candidates[i], opts));
    }
    return out;
  }
  return planOnWorkers(root, candidates, opts, workers, pool);
}

// ---------------------------------------------------------------- pool (main thread)

interface PlanRequest { index: number; rel: string }
interface PlanReply { index: number; outcome: CandidateOutcome }

/** Options without functions (not cloneable); `decide` never gets here. */
function cloneableOptions(opts: CandidatePlanOptions): CandidatePlanOptions {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => typeof v !== 'function')) as unknown as CandidatePlanOptions;
}

/** The worker's entry: this module, built; from sources (vitest, tsx) a bootstrap that registers tsx first. */
function workerEntry(): { entry: string | URL; evaluate: boolean } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { entry: new URL('./worker.js', self), evaluate: false };
  // Node 20 does not apply an inherited `--import tsx` to a worker's own entry: register tsx's hooks, then import.
  const api = createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  return { entry: `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(self)}); });`, evaluate: true };
}

/** Catalog models are shared objects elsewhere in the engine: swap the clones that crossed the thread boundary back. */
function rehydrate(outcome: CandidateOutcome): CandidateOutcome {
  const model = (m: ModelInfo): ModelInfo => getModel(m.id) ?? m;
  outcome.transitions = outcome.transitions.map((t) => (t.source ? { source: model(t.source), target: model(t.target) } : { target: model(t.target) }));
  return outcome;
}

async function planOnWorkers(root: string, candidates: string[], opts: CandidatePlanOptions, count: number, { onProgress, onPoolDone }: PlanCandidatesOptions): Promise<CandidateOutcome[]> {
  const outcomes: (CandidateOutcome | undefined)[] = new Array(candidates.length);
  const queue = candidates.map((_, i) => i).reverse(); // pop() from the end = candidate order
  const fallback: number[] = []; // files a crashed or unstartable worker had: planned in this thread
  let done = 0;
  const data = { role: WORKER_ROLE, root, opts: cloneableOptions(opts) };
  const { entry, evaluate } = workerEntry();

  await new Promise<void>((resolveAll) => {
    let live = 0;
    const finishIfIdle = () => { if (live === 0) resolveAll(); };
    for (let w = 0; w < count; w++) {
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: data, eval: evaluate });
      } catch {
        continue; // this thread plans whatever no worker takes
      }
      live++;
      const inFlight = new Set<number>();
      let closed = false;
      const feed = () => {
        while (inFlight.size < IN_FLIGHT_PER_WORKER && queue.length) {
          const index = queue.pop()!;
          inFlight.add(index);
          worker.postMessage({ index, rel: candidates[index] } satisfies PlanRequest);
        }
        if (inFlight.size === 0 && !closed) {
          closed = true;
          void worker.terminate();
        }
      };
      const lost = () => {
        if (closed && inFlight.size === 0) return;
        closed = true;
        fallback.push(...inFlight);
        inFlight.clear();
      };
      worker.on('message', (reply: PlanReply) => {
        if (!inFlight.delete(reply.index)) return;
        outcomes[reply.index] = rehydrate(reply.outcome);
        done++; // not inside `onProgress?.(…)`: its arguments are skipped when there is no callback
        onProgress?.(done, candidates.length, candidates[reply.index]);
        feed();
      });
      worker.on('error', lost);
      worker.on('exit', () => {
        lost();
        live--;
        finishIfIdle();
      });
      feed();
    }
    finishIfIdle();
  });

  const plannedOnWorkers = done;
  onPoolDone?.({ workers: count, plannedOnWorkers });
  // Whatever no worker finished (none started, or one died mid-file) is planned here, in order.
  const rest = [...fallback, ...queue].sort((a, b) => a - b);
  for (const index of rest) {
    if (outcomes[index]) continue;
    onProgress?.(done, candidates.length, candidates[index]);
    outcomes[index] = await planCandidate(root, candidates[index], opts);
    done++;
  }
  return outcomes as CandidateOutcome[];
}

// ---------------------------------------------------------------- worker entry

function runWorker(): void {
  const { root, opts } = workerData as { root: string; opts: CandidatePlanOptions };
  const port = parentPort!;
  const pending: PlanRequest[] = [];
  let busy = false;
  // One file at a time, as in the main thread: parsers are shared per grammar.
  const drain = async () => {
    if (busy) return;
    busy = true;
    while (pending.length) {
      const req = pending.shift()!;
      const outcome = await planCandidate(root, req.rel, opts);
      port.postMessage({ index: req.index, outcome } satisfies PlanReply);
    }
    busy = false;
  };
  port.on('message', (req: PlanRequest) => {
    pending.push(req);
    void drain();
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) runWorker();
