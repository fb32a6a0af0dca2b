// Planning candidate files, in this thread or, when there are enough of them, in this thread plus
// worker threads (one thread per core, each planning a disjoint set of languages). Each file is read, parsed and planned where it is planned, so the main thread
// never holds every file's text; outcomes come back as plain data and are put back in candidate
// order, so a run gives the same RunResult with or without workers.
// This module is also the workers' entry point (see the bottom of the file).
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { getModel } from '../catalog/index.js';
import type { ModelInfo } from '../catalog/types.js';
import { inputState, withInputs } from '../scanner/inputs.js';
import { DEFAULT_MAX_BYTES, readCandidate } from '../scanner/read.js';
import { workerEntry } from '../runtime/worker-entry.js';
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
  /**
   * With `recordInputs`: the planned file's sha256 and git blob id, and each other file planning looked at with
   * its state then.
   */
  inputs?: { sha256: string; blobId?: string; files: [path: string, state: string | null][] };
}

export interface CandidatePlanOptions extends PlanFileOptions {
  maxBytes?: number;
  /** Record what each plan depended on (CandidateOutcome.inputs), for the result cache. */
  recordInputs?: boolean;
}

export interface PlanCandidatesOptions {
  /** Worker threads: undefined = automatic (see workerCount), 0 = plan in this thread. */
  workers?: number;
  onProgress?: (done: number, total: number, path: string) => void;
  /** Each outcome as soon as it is known (completion order, not candidate order). */
  onOutcome?: (outcome: CandidateOutcome, index: number) => void;
  /** Checked between files: true plans no further file (an interrupted apply); unplanned candidates get no outcome. */
  shouldStop?: () => boolean;
  /** After the run: how many files worker threads planned (the rest were planned in this thread). */
  onPoolDone?: (stats: { workers: number; plannedOnWorkers: number }) => void;
}

/** Below this many candidates a pool costs more (worker start, module and grammar loading per worker) than it saves. */
export const WORKER_MIN_CANDIDATES = 64;
const WORKER_HEAP_MB = Number(process.env.CLAUDE_MIGRATE_WORKER_HEAP_MB) || 96;
/** Files each worker is handed ahead, so it never waits while the main thread plans a file of its own. */
const IN_FLIGHT_PER_WORKER = 4;
const WORKER_ROLE = 'claude-migrate-plan-worker';

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return text.slice(0, nl === -1 ? 200 : Math.min(nl, 200));
}

/** Read and plan one candidate file. Never throws: one bad file never stops the run. */
export async function planCandidate(root: string, rel: string, opts: CandidatePlanOptions): Promise<CandidateOutcome> {
  const read = readCandidate(root, rel, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, blobId: opts.recordInputs });
  if (!read.ok) return { skipped: [{ path: rel, reason: read.reason, detail: read.detail }], transitions: [], parsed: false };
  const language = detectLanguage(rel, firstLine(read.text)) ?? 'text';
  try {
    // Sibling modules (imported constants) are read relative to the root, and noted as inputs of this plan.
    const { value: fp, inputs } = await withInputs(root, () => planFile(rel, read.text, language, opts));
    const skipped: SkippedFile[] = fp.problem ? [{ path: rel, reason: fp.problem.reason, detail: fp.problem.detail }] : [];
    const recorded = opts.recordInputs ? { inputs: { sha256: read.sha256, blobId: read.blobId, files: inputs.map((abs): [string, string | null] => [abs, inputState(abs)]) } } : {};
    const r = fp.result;
    if (r.findings.length === 0 && !r.planned) return { skipped, transitions: fp.transitions, parsed: true, ...recorded };
    r.sha256 = read.sha256;
    r.bom = read.bom || undefined;
    return { skipped, file: r, transitions: fp.transitions, parsed: true, ...recorded };
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
      if (pool.shouldStop?.()) break;
      pool.onProgress?.(i, candidates.length, candidates[i]);
      out.push(await planCandidate(root, candidates[i], opts));
      pool.onOutcome?.(out[i], i);
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

/** Catalog models are shared objects elsewhere in the engine: swap the clones that crossed the thread boundary back. */
function rehydrate(outcome: CandidateOutcome): CandidateOutcome {
  const model = (m: ModelInfo): ModelInfo => getModel(m.id) ?? m;
  outcome.transitions = outcome.transitions.map((t) => (t.source ? { source: model(t.source), target: model(t.target) } : { target: model(t.target) }));
  return outcome;
}

/**
 * Relative cost of planning one file, by language (1 = about 4 ms in steady state), and of loading a
 * language's parser once per thread, in the same unit: first-file minus steady-state times measured on
 * the bench's 20k-file repository. The TypeScript compiler is the expensive load (about 0.1 s from its
 * code cache, 0.3 s without); a grammar on the baseline wasm compiler costs 15 to 40 ms, the YAML CST
 * library about 50.
 */
const FILE_COST: Partial<Record<string, number>> = { csharp: 1.3, java: 1.3, markdown: 0.7, yaml: 0.6, json: 0.3 };
const LOAD_COST: Partial<Record<string, number>> = { typescript: 25, yaml: 12 };
const DEFAULT_LOAD_COST = 7;

/**
 * Lanes by language: every language is planned on exactly one thread, so each thread loads only its
 * own parsers (the TypeScript compiler and each grammar once per process, not once per worker) and
 * peak memory stays close to a single-threaded run. Lane 0 is this thread. Greedy by estimated cost,
 * loads included.
 */
export function assignLanes(candidates: string[], lanes: number): number[] {
  return planLanes(candidates, lanes).laneOf;
}

/** assignLanes, and which candidates are of a spread language (any thread may take those). */
function planLanes(candidates: string[], lanes: number): { laneOf: number[]; spread: boolean[] } {
  // JavaScript is parsed by the TypeScript compiler too: one lane for both.
  const languageOf = candidates.map((rel) => {
    const language = detectLanguage(rel, '') ?? 'text';
    return language === 'javascript' ? 'typescript' : language;
  });
  const work = new Map<string, number>();
  for (const l of languageOf) work.set(l, (work.get(l) ?? 0) + (FILE_COST[l] ?? 1));
  const loadOf = (l: string) => LOAD_COST[l] ?? DEFAULT_LOAD_COST;
  const cost = new Map([...work].map(([l, w]) => [l, w + loadOf(l)]));
  const load = new Array<number>(lanes).fill(0);
  const total = [...cost.values()].reduce((a, b) => a + b, 0);
  const laneOf = new Map<string, number>();
  const spread = new Set<string>();
  // Ties go to a worker: this thread also feeds the workers and collects their results.
  const lightest = () => {
    let best = lanes - 1;
    for (let i = lanes - 1; i >= 0; i--) if (load[i] < load[best]) best = i;
    return best;
  };
  for (const [language, c] of [...cost].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    // A language heavier than one lane's share (a TypeScript monorepo) is spread over every lane, when
    // its files outweigh loading its parser once more per lane.
    if (work.get(language)! > total / lanes + loadOf(language)) { spread.add(language); continue; }
    const best = lightest();
    laneOf.set(language, best);
    load[best] += c;
  }
  return {
    laneOf: languageOf.map((l) => {
      if (!spread.has(l)) return laneOf.get(l)!;
      const best = lightest();
      load[best] += FILE_COST[l] ?? 1;
      return best;
    }),
    spread: languageOf.map((l) => spread.has(l)),
  };
}

function spawnPlanWorker(root: string, opts: CandidatePlanOptions): Worker {
  const { entry, evaluate } = workerEntry(import.meta.url, './worker.js');
  // A bounded heap keeps a runaway file from growing the process; a file that needs more crashes only
  // that worker, and its files are planned on this thread.
  return new Worker(entry, { workerData: { role: WORKER_ROLE, root, opts: cloneableOptions(opts) }, eval: evaluate, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

async function planOnWorkers(root: string, candidates: string[], opts: CandidatePlanOptions, count: number, pool: PlanCandidatesOptions): Promise<CandidateOutcome[]> {
  const { onProgress, onPoolDone, onOutcome, shouldStop } = pool;
  const outcomes: (CandidateOutcome | undefined)[] = new Array(candidates.length);
  // `count` threads in all: this one plus count - 1 workers.
  const lanes = Math.max(2, count);
  const { laneOf, spread } = planLanes(candidates, lanes);
  const queues: number[][] = Array.from({ length: lanes }, () => []);
  // A spread language's files go to whichever thread is free first: this thread also feeds the workers
  // and collects their replies, so a fixed split would leave the workers idle at the end.
  const shared: number[] = [];
  for (let i = candidates.length - 1; i >= 0; i--) (spread[i] ? shared : queues[laneOf[i]]).push(i); // pop() from the end = candidate order
  const next = (queue: number[]): number | undefined => queue.pop() ?? shared.pop();
  const fallback: number[] = []; // files a crashed or unstartable worker had: planned in this thread
  let done = 0;
  let plannedOnWorkers = 0;
  let workersStarted = 0;

  const poolDone = new Promise<void>((resolveAll) => {
    let live = 0;
    const finishIfIdle = () => { if (live === 0) resolveAll(); };
    for (let w = 1; w < lanes; w++) {
      const queue = queues[w];
      if (queue.length === 0 && shared.length === 0) continue;
      let worker: Worker;
      try {
        worker = spawnPlanWorker(root, opts);
      } catch {
        fallback.push(...queue.splice(0));
        continue;
      }
      workersStarted++;
      live++;
      const inFlight = new Set<number>();
      let closed = false;
      const feed = () => {
        while (inFlight.size < IN_FLIGHT_PER_WORKER && !shouldStop?.()) {
          const index = next(queue);
          if (index === undefined) break;
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
        fallback.push(...inFlight, ...queue.splice(0));
        inFlight.clear();
      };
      worker.on('message', (reply: PlanReply) => {
        if (!inFlight.delete(reply.index)) return;
        outcomes[reply.index] = rehydrate(reply.outcome);
        onOutcome?.(outcomes[reply.index]!, reply.index);
        done++; // not inside `onProgress?.(…)`: its arguments are skipped when there is no callback
        plannedOnWorkers++;
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

  // Lane 0 in this thread, one file per macrotask so the workers' messages are handled in between.
  const own = queues[0];
  for (;;) {
    await new Promise<void>((r) => setImmediate(r));
    if (shouldStop?.()) break;
    const index = next(own);
    if (index === undefined) break;
    outcomes[index] = await planCandidate(root, candidates[index], opts);
    onOutcome?.(outcomes[index]!, index);
    done++;
    onProgress?.(done, candidates.length, candidates[index]);
  }
  await poolDone;

  onPoolDone?.({ workers: workersStarted, plannedOnWorkers });
  // Whatever no worker finished (none started, or one died mid-file) is planned here, in order.
  for (const index of fallback.sort((a, b) => a - b)) {
    if (outcomes[index]) continue;
    if (shouldStop?.()) break;
    outcomes[index] = await planCandidate(root, candidates[index], opts);
    onOutcome?.(outcomes[index]!, index);
    done++;
    onProgress?.(done, candidates.length, candidates[index]);
  }
  // Interrupted: candidates never planned have no outcome.
  return shouldStop?.() ? outcomes.filter((o): o is CandidateOutcome => o !== undefined) : (outcomes as CandidateOutcome[]);
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
