// View models the UI shows and decisions it returns. Plain data only: the CLI builds these from a
// RunResult; the UI never reads files, runs git, parses, or decides what a migration does.
import type { Bucket, FixKind, Severity } from '../rules/types.js';

export type { Bucket, FixKind, Severity };

/** One line of a planned edit: removed, added or unchanged context. */
export interface DiffLine {
  kind: '+' | '-' | ' ';
  text: string;
}

// ---------------------------------------------------------------- Step 0: scope

export interface ScopeViewModel {
  /** The scanned root, as the user typed or resolved it. */
  root: string;
  /** The explicit target model, or 'auto' (then `autoMapping` says where each source model goes). */
  target: string;
  /** Per source model: where it goes and how many occurrences were found. */
  autoMapping: { from: string; to: string; count: number }[];
  /** Directories the user can pick (relative paths), with per-bucket file counts. */
  dirs: { path: string; total: number; byBucket: Record<Bucket, number> }[];
  /** Every candidate file (relative path). */
  files: { path: string; bucket: Bucket }[];
  /** `MODEL LAUNCH` / `KEEP IN SYNC` markers, shown before everything else. */
  syncMarkers: { path: string; line: number; text: string }[];
  git: { clean: boolean; dirtyFiles: string[]; isRepo?: boolean };
}

export type ScopeDecision =
  | { kind: 'all' }
  | { kind: 'dir'; path: string }
  | { kind: 'files'; paths: string[] }
  | { kind: 'quit' };

// ---------------------------------------------------------------- review of planned edits

/** Step 1, bucket 2: the guide's three answers for a model registry entry. */
export type DefinerChoice = 'add-alongside' | 'leave' | 'retire-old';
/** Prefill replacement by intent (guide: "Prefill replacement"). */
export type PrefillChoice = 'output-format' | 'system-instruction' | 'user-turn';

export interface DefinerChoiceOffer {
  kind: 'definer';
  /** Which answers the caller can carry out (all three when absent), in display order. */
  options?: DefinerChoice[];
  /** Preselected answer; the guide's default when nobody answers is add-alongside. */
  initial?: DefinerChoice;
  /** The planned edit for each answer, when it differs from the finding's `diff`. */
  diffByChoice?: Partial<Record<DefinerChoice, DiffLine[]>>;
}

export interface PrefillChoiceOffer {
  kind: 'prefill';
  /** Which replacements apply here (all three when absent), in display order. */
  options?: PrefillChoice[];
  initial?: PrefillChoice;
  diffByChoice?: Partial<Record<PrefillChoice, DiffLine[]>>;
}

export interface ReviewFinding {
  /** `Finding.id` from the engine. */
  id: string;
  rule: string;
  severity: Severity;
  fix: FixKind;
  line: number;
  /** What is wrong / what the edit does. */
  message: string;
  /** Why the change is needed (the guide's reason). */
  why?: string;
  /** The planned edit (empty for manual findings). */
  diff: DiffLine[];
  /** Start as accepted (e.g. auto fixes the caller plans to apply unless the user says no). */
  preselected?: boolean;
  choice?: DefinerChoiceOffer | PrefillChoiceOffer;
}

export interface ReviewFile {
  path: string;
  bucket: Bucket;
  findings: ReviewFinding[];
}

export interface ReviewViewModel {
  target?: string;
  /** Files grouped by bucket, in display order. */
  groups: { bucket: Bucket; files: ReviewFile[] }[];
}

export interface ReviewDecision {
  acceptedFindingIds: string[];
  /** Fixable findings not accepted (undecided ones count as skipped). */
  skippedFindingIds: string[];
  /** Findings to silence with an inline ignore comment (the caller writes it). */
  suppress: { findingId: string }[];
  /** One entry per definer finding offered a choice. */
  definerChoices: Record<string, DefinerChoice>;
  /** One entry per prefill finding offered a choice. */
  prefillChoices: Record<string, PrefillChoice>;
  quit: boolean;
}

// ---------------------------------------------------------------- prompt edits (optional tuning)

export interface PromptEditItem {
  id: string;
  file: string;
  line: number;
  rule: string;
  /** Quoted prompt text before and after. */
  before: string;
  after: string;
  /** The behavioural shift that motivates the edit. */
  why: string;
}

export interface PromptEditsViewModel {
  items: PromptEditItem[];
}

export interface PromptEditsDecision {
  accepted: string[];
  declined: string[];
  quit: boolean;
}

// ---------------------------------------------------------------- summary

export interface SummaryViewModel {
  written: { path: string; edits: number }[];
  /** `line` 0: a finding about the whole migration, not one place. */
  needsPerson: { path: string; line: number; rule: string; message: string }[];
  /** Planned files that were not written, and why (changed on disk, refused). */
  notWritten?: { path: string; reason: string }[];
  /** Remaining [TUNE] items for the target. */
  checklist: string[];
  verificationSnippet: string;
  reportPath?: string;
}

// ---------------------------------------------------------------- shared screen props

export interface ScreenProps<Decision> {
  onDone(decision: Decision): void;
  /** Strip colours (the caller reads NO_COLOR). */
  noColor?: boolean;
  /** Terminal size override; defaults to the stdout Ink renders to, then 80x24. */
  columns?: number;
  rows?: number;
}

/** The caller spawns $EDITOR synchronously (spawnSync, stdio inherit) so Ink stops reading stdin meanwhile. */
export type OpenEditor = (path: string, line: number) => void | Promise<void>;
