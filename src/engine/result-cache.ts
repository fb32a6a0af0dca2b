// Per-file results of earlier runs, as ruff's and ESLint's caches keep them, in two parts:
// - prefilter verdicts (candidate, binary match, no match) of tracked files git reports unchanged, keyed by
//   their git blob id: a repeat run searches only the files that changed;
// - plans of candidates: a candidate whose bytes, and the bytes of every sibling file its plan read (imported
//   constants), are what they were when it was last planned, with the same tool build, options and date,
//   gets that plan back instead of being parsed again.
//
// Nothing is trusted that was not checked: file contents by sha256 or, for files git vouches for, by the
// blob id git's index holds (git's own change detection, racy-clean entries included; assume-unchanged and
// skip-worktree entries are never vouched for); never by mtime alone (a checkout rewrites mtimes, an edit
// within one clock tick keeps them). Sibling files the same way (a file that was missing must still be
// missing); the build by the size and mtime of every module, grammar and parser library the plan runs.
// One file per repository root in the tool's cache directory (never inside the scanned repository); written
// whole and renamed, so a concurrent run reads the old cache or the new one.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { toolCacheDir } from '../runtime/code-cache.js';
import { inputState } from '../scanner/inputs.js';
import type { CandidateOutcome, CandidatePlanOptions } from './worker.js';

/** Bumped when the stored shape changes. */
const FORMAT = 2;
/** Caches of other roots kept beside this one (most recently written first). */
const KEEP_ROOTS = 32;
/** A cache larger than this is not written (a repository with huge generated plans). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** The prefilter's answer for a file: `c` candidate, `b` binary file that matches, `n` no match. */
export type Verdict = 'c' | 'b' | 'n';

interface Entry {
  sha256: string;
  /** The git blob id of those bytes when git vouched for them (the file tracked and unchanged). */
  oid?: string;
  inputs: [path: string, state: string | null][];
  /** The outcome, serialised when it was planned: later stages of a run mutate the live objects. */
  outcome: Buffer;
}

interface Stored {
  format: number;
  /** What verdicts depend on: the root and the build (the pattern is part of the build). */
  searchKey: string;
  /** What plans depend on besides: the planning options, the date (lifecycle severities), the Node build. */
  planKey: string;
  entries: Map<string, Entry>;
  /** Prefilter verdicts of tracked, unchanged files: path → `<blob id> <verdict>`. */
  verdicts: Map<string, string>;
}

export class ResultCache {
  private changed = false;
  /** Verdicts looked up or set in this run: fewer than stored means some belong to files no longer listed. */
  private verdictsUsed = 0;

  private constructor(
    private readonly path: string,
    private readonly keys: { searchKey: string; planKey: string },
    private readonly entries: Map<string, Entry>,
    private readonly verdicts: Map<string, string>,
  ) {}

  /**
   * The cache for `root` with these options, or undefined when caching is off (CLAUDE_MIGRATE_NO_CACHE, no
   * writable cache directory) or cannot apply (per-finding decisions made by a person are not a function of
   * the files).
   */
  static open(root: string, opts: CandidatePlanOptions, dir = defaultDir()): ResultCache | undefined {
    if (opts.decide || opts.choose || process.env.CLAUDE_MIGRATE_NO_CACHE || !dir) return undefined;
    const keys = keysOf(root, opts);
    const path = join(dir, `${createHash('sha256').update(root).digest('hex').slice(0, 20)}.bin`);
    const stored = load(path);
    // Verdicts outlive a change of options or of the day; plans do not.
    const verdicts = stored?.searchKey === keys.searchKey ? stored.verdicts : new Map<string, string>();
    const entries = stored?.planKey === keys.planKey ? stored.entries : new Map<string, Entry>();
    return new ResultCache(path, keys, entries, verdicts);
  }

  /** The prefilter's verdict on a tracked, unchanged file when it was given for this blob. */
  verdictOf(rel: string, oid: string): Verdict | undefined {
    const stored = this.verdicts.get(rel);
    if (stored === undefined || stored.length !== oid.length + 2 || !stored.startsWith(oid)) return undefined;
    this.verdictsUsed++;
    return stored[oid.length + 1] as Verdict;
  }

  /** Called once for each listed file verdictOf had no answer for: with verdictOf's hits, every listed file counts once. */
  setVerdict(rel: string, oid: string, verdict: Verdict): void {
    this.verdictsUsed++;
    this.verdicts.set(rel, `${oid} ${verdict}`);
    this.changed = true;
  }

  /** After a run over the whole root: drop the verdicts of files no longer listed. */
  retainVerdicts(listed: readonly string[]): void {
    if (this.verdicts.size <= this.verdictsUsed) return;
    const keep = new Set(listed);
    for (const rel of this.verdicts.keys()) if (!keep.has(rel)) this.verdicts.delete(rel);
    this.changed = true;
  }

  /**
   * The stored outcome when the file and everything its plan read are unchanged: the file known by its blob id
   * (no read) or by the sha256 of its bytes (`content()` reads it, only when needed).
   */
  lookup(rel: string, oid: string | undefined, content: () => string | undefined): CandidateOutcome | undefined {
    const entry = this.entries.get(rel);
    if (!entry) return undefined;
    if (!(oid !== undefined && entry.oid === oid) && entry.sha256 !== content()) return undefined;
    for (const [path, state] of entry.inputs) if (inputState(path) !== state) return undefined;
    try {
      return v8.deserialize(entry.outcome) as CandidateOutcome;
    } catch {
      return undefined;
    }
  }

  /**
   * Keep a fresh outcome (one planned with recordInputs). `oid`: the blob id git's index gave the file, kept
   * only when the bytes planned are that blob (not so under a checkout filter, or after an edit during the run).
   * Internal errors are not kept: they may not recur.
   */
  store(rel: string, outcome: CandidateOutcome, oid: string | undefined): void {
    const inputs = outcome.inputs;
    if (!inputs || !outcome.parsed || outcome.skipped.some((s) => s.detail?.startsWith('internal error'))) {
      if (this.entries.delete(rel)) this.changed = true;
      return;
    }
    const { inputs: _omitted, ...kept } = outcome;
    this.entries.set(rel, { sha256: inputs.sha256, ...(oid && oid === inputs.blobId ? { oid } : {}), inputs: inputs.files, outcome: v8.serialize(kept) });
    this.changed = true;
  }

  /** Keep only these files' entries (after a run over the whole root: the others are gone or no longer candidates). */
  retainOnly(rels: Set<string>): void {
    for (const rel of this.entries.keys()) {
      if (!rels.has(rel)) {
        this.entries.delete(rel);
        this.changed = true;
      }
    }
  }

  /** Write the cache if anything changed. Failures are silent: the next run plans again. */
  save(): void {
    if (!this.changed) return;
    const data = v8.serialize({ format: FORMAT, ...this.keys, entries: this.entries, verdicts: this.verdicts } satisfies Stored);
    if (data.length > MAX_CACHE_BYTES) return;
    const temp = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temp, data, { mode: 0o600 });
      renameSync(temp, this.path);
      this.changed = false;
      pruneOtherRoots(dirname(this.path));
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // nothing was written
      }
    }
  }
}

function defaultDir(): string | undefined {
  const dir = toolCacheDir();
  return dir && join(dir, 'results');
}

function load(path: string): Stored | undefined {
  try {
    // A plan holds the bytes apply writes: only a cache this user wrote, that no one else may change, is read.
    const st = statSync(path);
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return undefined;
    const stored = v8.deserialize(readFileSync(path)) as Partial<Stored>;
    if (stored.format === FORMAT && typeof stored.searchKey === 'string' && typeof stored.planKey === 'string' && stored.entries instanceof Map && stored.verdicts instanceof Map) return stored as Stored;
  } catch {
    // missing, unreadable or corrupt: start empty
  }
  return undefined;
}

function pruneOtherRoots(dir: string): void {
  const caches = readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .map((name) => ({ name, mtime: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of caches.slice(KEEP_ROOTS)) unlinkSync(join(dir, name));
}

/** Everything a verdict, and a file's plan, depend on besides the files themselves. */
function keysOf(root: string, opts: CandidatePlanOptions): { searchKey: string; planKey: string } {
  const planning = {
    target: opts.target,
    today: opts.today,
    keepBudgetTokens: !!opts.keepBudgetTokens,
    applySuggestions: opts.applySuggestions ?? false,
    rulesOff: [...(opts.rulesOff ?? [])].sort(),
    severity: Object.entries(opts.severity ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)),
    maxBytes: opts.maxBytes ?? null,
  };
  const searchKey = createHash('sha256').update(JSON.stringify([FORMAT, process.version, root, buildId()])).digest('hex');
  const planKey = createHash('sha256').update(JSON.stringify([searchKey, process.arch, planning])).digest('hex');
  return { searchKey, planKey };
}

let cachedBuildId: string | undefined;

/**
 * The tool's build: size and mtime of each of its own modules (a rebuild or an upgrade changes them), of its
 * grammars, and of the libraries its plans come from (the TypeScript compiler, web-tree-sitter, YAML, TOML, JSONC).
 */
function buildId(): string {
  if (cachedBuildId) return cachedBuildId;
  const parts: string[] = [];
  const stamp = (file: string) => {
    const st = statSync(file, { throwIfNoEntry: false });
    parts.push(`${file}\0${st?.size ?? -1}\0${st?.mtimeMs ?? -1}`);
  };
  // This file is <code root>/src/engine/result-cache.{js,ts}: the code root holds src/ and transforms/.
  const codeRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  for (const dir of ['src', 'transforms', join('..', 'grammars'), 'grammars']) walkFiles(join(codeRoot, dir), stamp);
  const require = createRequire(import.meta.url);
  for (const pkg of ['ts-morph', 'web-tree-sitter', 'yaml', 'smol-toml', 'jsonc-parser']) {
    try {
      stamp(require.resolve(pkg));
    } catch {
      parts.push(`${pkg}\0missing`);
    }
  }
  try {
    stamp(createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js'));
  } catch {
    // ts-morph's own compiler is used instead, and ts-morph is stamped above
  }
  cachedBuildId = createHash('sha256').update(parts.join('\n')).digest('hex');
  return cachedBuildId;
}

function walkFiles(dir: string, visit: (file: string) => void): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(path, visit);
    else if (entry.isFile()) visit(path);
  }
}
