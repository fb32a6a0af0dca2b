// What a run produces: the plain data reporters, the CLI and the UI consume.
import type { Bucket, FixKind, Severity } from '../rules/types.js';
import type { LanguageId } from '../languages/types.js';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface Finding {
  /** Stable id within a run: `${path}#${index}`; used by the UI to accept/skip single findings. */
  id: string;
  rule: string;
  severity: Severity;
  fix: FixKind;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** Guide section the why relies on. */
  source: string;
  fixTitle: string;
  from?: string;
  to?: string;
  /** The planned edit for this finding, if any, as text (before/after of the changed lines). */
  before?: string;
  after?: string;
  /** Prompt edits are optional tuning: quoted before/after. */
  prompt?: { before: string; after: string };
  notes?: string[];
  /** Suppressed by an inline `claude-migrate-ignore` comment or the baseline. */
  suppressed?: 'inline' | 'baseline';
  /** Whether this run's planned text includes this finding's edit. */
  applied?: boolean;
  /** Fixes a person may choose between (the default first), each with its own preview; `chosen` marks the one planned. */
  choices?: { choice: string; title: string; before?: string; after?: string; chosen?: boolean }[];
}

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'not-utf8' | 'symlink-outside-root' | 'unreadable' | 'parse-error' | 'changed-on-disk' | 'refused-edit' | 'no-convergence';
  detail: string;
}

export interface FileResult {
  /** Relative to the scanned root, with `/` separators. */
  path: string;
  language: LanguageId;
  bucket: Bucket;
  findings: Finding[];
  /** Original and planned text when the plan changes the file (auto edits, plus accepted suggestions). */
  original?: string;
  planned?: string;
  /** Debug: every applied edit's range in the ORIGINAL text (set when the plan changes the file). */
  editSpans?: { start: number; end: number }[];
  /** Sync markers in this file (also reported as sync-marker findings). */
  syncMarkers?: number;
  /** Hash of the original bytes, checked again before writing. */
  sha256?: string;
  /** Syntax errors already present in the input (edits never add any). */
  syntaxErrors?: number;
  /** The file had a leading BOM (restored on write). */
  bom?: boolean;
}

export interface RunResult {
  schemaVersion: 1;
  root: string;
  target: string;
  files: FileResult[];
  skipped: SkippedFile[];
  /** Findings reported once per run (data retention, tokenizer re-baseline). */
  runFindings: Finding[];
  /** `fromCache`: candidates whose plan was reused from an earlier run (engine/result-cache.ts) instead of being parsed. */
  stats: { filesListed: number; candidates: number; parsed: number; fromCache?: number; durationMs: number };
  git: { isRepo: boolean; clean: boolean; dirtyFiles: string[] };
}
