// Planning a whole scope: discover → prefilter → read (guards) → plan each file → run-level rules.
// Never writes. File contents are not held beyond their own plan unless they change.
import { MODEL_ID_REGEX_SOURCE } from '../catalog/index.js';
import { discoverFiles } from '../scanner/discover.js';
import { prefilter } from '../scanner/prefilter.js';
import { gitSnapshot, gitStatus } from '../scanner/git.js';
import { RULES } from '../rules/registry.js';
import type { Transition } from '../rules/types.js';
import { packRuleIds } from '../../transforms/index.js';
import { SYNC_MARKER } from '../rules/sync-marker.js';
import { addCrossFileFindings } from './cross-file.js';
import type { PlanFileOptions } from './plan-file.js';
import { ResultCache, type Verdict } from './result-cache.js';
import { planCandidates, type CandidateOutcome, type CandidatePlanOptions } from './worker.js';
import { DEFAULT_MAX_BYTES, readCandidate } from '../scanner/read.js';
import type { FileResult, Finding, RunResult, SkippedFile } from './types.js';

export interface PlanOptions extends Omit<PlanFileOptions, 'today'> {
  root: string;
  paths?: string[];
  include?: string[];
  exclude?: string[];
  today?: string;
  /** Max file size read (bytes). */
  maxBytes?: number;
  prefilterEngine?: 'auto' | 'rg' | 'js';
  onProgress?: (done: number, total: number, path: string) => void;
  /** Worker threads for parsing and rules: undefined = automatic (one per core from 64 candidates), 0 = none. */
  workers?: number;
  /** git status of the root when the caller already has it (apply checks it before planning). */
  git?: RunResult['git'];
  /** Each file with planned edits as soon as it is planned (apply streams them to its writer). */
  onFilePlanned?: (file: FileResult) => void;
  /** Checked between files: true stops planning (the result then holds only the files planned so far). */
  shouldStop?: () => boolean;
  /**
   * Reuse the plans of files unchanged since an earlier run, and keep this run's (engine/result-cache.ts).
   * Off unless asked for (the CLI asks, unless --no-cache); `cacheDir` overrides where the cache lives.
   */
  cache?: boolean;
  cacheDir?: string;
}

/** API and request markers that make a file a candidate even without a model ID. */
const API_MARKERS = ['anthropic', 'Anthropic', 'budget_tokens', 'BudgetTokens', 'budgetTokens', 'claude-migrate-ignore', '/v1/messages'];

export function prefilterPattern(): string {
  return [MODEL_ID_REGEX_SOURCE, ...API_MARKERS.map(escapeRegex), SYNC_MARKER.source.replace(/\\b/g, '')].join('|');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** CLAUDE_MIGRATE_TIMING=1: each phase's wall time on stderr (as ESLint's TIMING), for `npm run bench` and bug reports. */
function phaseTimer(): (phase: string) => void {
  if (!process.env.CLAUDE_MIGRATE_TIMING) return () => undefined;
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`claude-migrate timing: ${phase} ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function plan(opts: PlanOptions): Promise<RunResult> {
  const started = Date.now();
  const timing = phaseTimer();
  const today = opts.today ?? todayIso();
  // One look at git serves both the listing and the dirty-tree report.
  const snapshot = gitSnapshot(opts.root);
  const [{ files, skipped: discoverySkipped, objectIds }, git] = await Promise.all([
    discoverFiles({ root: opts.root, paths: opts.paths, include: opts.include, exclude: opts.exclude, defaultExcludes: true, gitSnapshot: snapshot }),
    opts.git ?? gitStatus(opts.root, snapshot),
  ]);
  timing('discovery');
  const cache = opts.cache ? ResultCache.open(opts.root, { ...opts, today }, opts.cacheDir) : undefined;
  // Binary files that mention a model ID or the API are not candidates, but must not vanish from the report.
  const binaryMatches: string[] = [];
  const candidates = await prefilterWithCache(opts, files, objectIds, cache, (rel) => binaryMatches.push(rel));
  const result: RunResult = {
    schemaVersion: 1,
    root: opts.root,
    target: opts.target,
    files: [],
    // Symlinks out of the root, unreadable entries: reported, never read.
    skipped: [
      ...discoverySkipped,
      ...binaryMatches.map((path): SkippedFile => ({ path, reason: 'binary', detail: 'binary file (NUL byte in its first 8 KB) that mentions a Claude model ID or the API: not edited; rebuild it from migrated sources' })),
    ],
    runFindings: [],
    stats: { filesListed: files.length, candidates: candidates.length, parsed: 0, fromCache: 0, durationMs: 0 },
    git,
  };
  timing('prefilter');
  const transitions = new Map<string, Transition>();
  // In this thread or on worker threads (enough candidates): outcomes come back in candidate order either way.
  const { onFilePlanned, shouldStop } = opts;
  const onOutcome = onFilePlanned && ((outcome: CandidateOutcome) => { if (outcome.file?.planned !== undefined) onFilePlanned(outcome.file); });
  const outcomes = await planWithCache(opts, candidates, { ...opts, today }, onOutcome, result.stats, cache, objectIds);
  for (const outcome of outcomes) {
    result.skipped.push(...outcome.skipped);
    if (outcome.parsed) result.stats.parsed++;
    for (const t of outcome.transitions) transitions.set(`${t.source?.id}>${t.target.id}`, t);
    if (outcome.file) result.files.push(outcome.file);
  }
  opts.onProgress?.(candidates.length, candidates.length, '');
  timing('parse+rules');
  addCrossFileFindings(result.files, opts);
  result.runFindings = runLevelFindings([...transitions.values()], opts);
  result.stats.durationMs = Date.now() - started;
  return result;
}

/** A run over the whole root (no paths or globs): it sees every file, so cache entries of other files are stale. */
function coversWholeRoot(opts: PlanOptions): boolean {
  return !opts.paths?.length && !opts.include?.length && !opts.exclude?.length;
}

/**
 * The prefilter, skipping the files the cache has a verdict for: tracked files git reports unchanged, whose
 * blob was searched by an earlier run. Candidates and binary matches in listing order, as the prefilter gives them.
 */
async function prefilterWithCache(opts: PlanOptions, files: string[], objectIds: Map<string, string>, cache: ResultCache | undefined, onBinaryMatch: (rel: string) => void): Promise<string[]> {
  const engine = opts.prefilterEngine ?? 'auto';
  if (!cache) return (await prefilter(opts.root, files, prefilterPattern(), { engine, onBinaryMatch })).candidates;
  const known = new Map<string, Verdict>();
  const unknown: string[] = [];
  for (const rel of files) {
    const oid = objectIds.get(rel);
    const verdict = oid === undefined ? undefined : cache.verdictOf(rel, oid);
    if (verdict) known.set(rel, verdict);
    else unknown.push(rel);
  }
  const binaries = new Set<string>();
  const found = new Set(unknown.length ? (await prefilter(opts.root, unknown, prefilterPattern(), { engine, onBinaryMatch: (rel) => binaries.add(rel) })).candidates : []);
  const candidates: string[] = [];
  for (const rel of files) {
    let verdict = known.get(rel);
    if (!verdict) {
      verdict = found.has(rel) ? 'c' : binaries.has(rel) ? 'b' : 'n';
      const oid = objectIds.get(rel);
      if (oid !== undefined) cache.setVerdict(rel, oid, verdict);
    }
    if (verdict === 'c') candidates.push(rel);
    else if (verdict === 'b') onBinaryMatch(rel);
  }
  if (coversWholeRoot(opts)) cache.retainVerdicts(files);
  return candidates;
}

/**
 * planCandidates, with the plans of unchanged files taken from the result cache when it is on: a file is
 * known unchanged by its git blob id, else read and hashed here; the others are planned as usual (on workers
 * when there are enough of them). Outcomes in candidate order either way.
 */
async function planWithCache(
  opts: PlanOptions,
  candidates: string[],
  planOpts: CandidatePlanOptions,
  onOutcome: ((outcome: CandidateOutcome) => void) | undefined,
  stats: RunResult['stats'],
  cache: ResultCache | undefined,
  objectIds: Map<string, string>,
): Promise<CandidateOutcome[]> {
  const { onProgress, shouldStop } = opts;
  if (!cache) return planCandidates(opts.root, candidates, planOpts, { workers: opts.workers, onProgress, onOutcome, shouldStop });
  const outcomes: (CandidateOutcome | undefined)[] = new Array(candidates.length);
  const misses: number[] = [];
  const maxBytes = planOpts.maxBytes ?? DEFAULT_MAX_BYTES;
  for (let i = 0; i < candidates.length; i++) {
    if (shouldStop?.()) return outcomes.filter((o): o is CandidateOutcome => o !== undefined);
    const rel = candidates[i];
    const content = () => {
      const read = readCandidate(opts.root, rel, { maxBytes });
      return read.ok ? read.sha256 : undefined;
    };
    const hit = cache.lookup(rel, objectIds.get(rel), content);
    if (!hit) {
      misses.push(i);
      continue;
    }
    outcomes[i] = hit;
    stats.fromCache = (stats.fromCache ?? 0) + 1;
    onOutcome?.(hit);
    onProgress?.(stats.fromCache, candidates.length, rel);
  }
  const hits = stats.fromCache ?? 0;
  const planned = await planCandidates(opts.root, misses.map((i) => candidates[i]), { ...planOpts, recordInputs: true }, {
    workers: opts.workers,
    onProgress: onProgress && ((done, _total, path) => onProgress(hits + done, candidates.length, path)),
    onOutcome,
    shouldStop,
  });
  // Interrupted: planCandidates returns the planned ones only, without saying which; none is kept.
  if (planned.length !== misses.length) return [...outcomes.filter((o): o is CandidateOutcome => o !== undefined), ...planned];
  misses.forEach((i, k) => {
    outcomes[i] = planned[k];
    cache.store(candidates[i], planned[k], objectIds.get(candidates[i]));
  });
  if (coversWholeRoot(opts)) cache.retainOnly(new Set(candidates));
  cache.save();
  return outcomes as CandidateOutcome[];
}

function runLevelFindings(transitions: Transition[], opts: PlanOptions): Finding[] {
  const out: Finding[] = [];
  const off = new Set(opts.rulesOff ?? []);
  for (const rule of RULES) {
    if (!rule.checkRun || off.has(rule.id)) continue;
    const relevant = transitions.filter((t) => packRuleIds(t.target.id).includes(rule.id) && rule.appliesTo(t));
    for (const f of rule.checkRun(relevant)) {
      out.push({
        id: `#${rule.id}`,
        rule: rule.id,
        severity: opts.severity?.[rule.id] ?? f.severity ?? rule.severity,
        fix: f.fix,
        line: 0,
        column: 0,
        endLine: 0,
        endColumn: 0,
        message: f.message,
        source: rule.docs.source,
        fixTitle: f.fixTitle ?? rule.fixTitle,
      });
    }
  }
  return out;
}

export type { SkippedFile };
