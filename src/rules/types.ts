// A rule: detection on the neutral view, fixes as neutral edit intents. One file per rule.
import type { ModelInfo } from '../catalog/types.js';
import type { EditIntent, FileView, OffsetContext, ParsedFile, Range, RequestView, LanguageId } from '../languages/types.js';
import type { ModelIdMatch } from '../catalog/types.js';

export type Severity = 'blocks' | 'tune' | 'info';
export type FixKind = 'auto' | 'suggest' | 'manual';
export type Bucket = 'caller' | 'definer' | 'variant' | 'string-reference';

/** The role of one model-ID occurrence, decided by the classifier from the syntax around it. */
export type OccurrenceRole =
  | 'request-model' // the model of an API request (directly or through a constant)
  | 'definer-entry' // an entry of a registry / enum / model list / routing config
  | 'capability-gate' // substring / prefix / equality / regex / switch test on the ID
  | 'registry-assert' // an assertion that a model is supported
  | 'generated' // inside a generated / frozen file
  | 'comment' // code comment (reported, not rewritten)
  | 'prose' // Markdown prose (reported, never rewritten)
  | 'lifecycle-text' // a string about the model's own lifecycle: a deprecation warning, an error (reported, not rewritten)
  | 'legacy-completions' // the model of a legacy Text Completions request (`max_tokens_to_sample`): no current model serves it
  | 'test-check' // compared in a test with a value this run leaves alone (a constant, a variant ID): reported, not rewritten
  | 'string'; // any other string: an opaque reference

export interface Occurrence {
  match: ModelIdMatch;
  role: OccurrenceRole;
  /** The request this occurrence is the model of, when role = request-model. */
  request?: RequestView;
  /** What the adapter saw around the occurrence (absent for text-only files). */
  context?: OffsetContext;
}

export interface Transition {
  /** The model the code is on (undefined when it cannot be determined). */
  source?: ModelInfo;
  target: ModelInfo;
}

export interface RuleOptions {
  /** Keep `budget_tokens` on 4.6 targets (the guide's transitional escape hatch). */
  keepBudgetTokens: boolean;
  /** Today's date, ISO (lifecycle severity, pinned in tests). */
  today: string;
}

export interface FileContext {
  path: string;
  language: LanguageId;
  text: string;
  bucket: Bucket;
  parsed: ParsedFile;
  view: FileView;
  occurrences: Occurrence[];
  /** The generated/frozen-file reason when the file must not be hand-edited. */
  generated?: string;
  options: RuleOptions;
  /** Target for a request: from its model (auto) or the explicit --target. Undefined: not migrated. */
  transitionFor(request: RequestView): Transition | undefined;
  /** Target for an old model (auto mapping or the explicit --target); undefined when it needs no migration. */
  targetFor(model: ModelInfo): ModelInfo | undefined;
  /** The explicit --target, or undefined for auto. */
  explicitTarget?: ModelInfo;
  /** The file-level transition: the target that applies to this file's old IDs (first caller's, else first ID's). */
  fileTransitions: Transition[];
  /** The request as the file had it before this run's edits (first pass: the request itself). */
  originalRequest(request: RequestView): RequestView;
}

export interface RuleFinding {
  range: Range;
  message: string;
  /** May be lower than the rule's ceiling (auto > suggest > manual), never higher. */
  fix: FixKind;
  /** Overrides the rule's severity for this finding (lifecycle-aware model-ID findings). */
  severity?: Severity;
  /** The edits that fix it (empty for manual). */
  intents?: EditIntent[];
  /** Model-ID findings. */
  from?: string;
  to?: string;
  /** One-line title of what the fix does (defaults to the rule's fixTitle). */
  fixTitle?: string;
  /** Prompt edits: quoted before/after text, always optional. */
  prompt?: { before: string; after: string };
  /** Extra lines of guidance shown in reports. */
  notes?: string[];
  /**
   * Other fixes a person may choose instead (the guide's three answers for a registry, the prefill
   * replacements by intent). `choice` names the default the `intents` implement.
   */
  choice?: string;
  alternatives?: { choice: string; title: string; intents: EditIntent[] }[];
}

/** What a cross-file rule sees of each planned file: plain data from the per-file results. */
export interface PlannedFileSummary {
  path: string;
  bucket: Bucket;
  findings: { id: string; rule: string; line: number; column: number; endLine: number; endColumn: number; from?: string; to?: string; applied?: boolean; suppressed?: string; fix?: FixKind }[];
}

export interface CrossFileFinding {
  path: string;
  /** The finding of that file it is anchored to (its position is reused). */
  anchor: string;
  message: string;
  fix: FixKind;
  severity?: Severity;
  notes?: string[];
}

export interface RuleDocs {
  what: string;
  why: string;
  /** Guide section the Why relies on (heading text in model-migration.md / models.md). */
  source: string;
  fixSafety: string;
  limits: string[];
  /** Fixture case used as the docs example (e.g. 'basic'). */
  example: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** Ceiling: the best fix this rule can offer. */
  fix: FixKind;
  /** Buckets whose files it inspects. */
  buckets: Bucket[];
  /** One-line summary of what the fix does. */
  fixTitle: string;
  /** Whether the rule applies to this transition at all (layering lives here, as capability checks). */
  appliesTo(t: Transition): boolean;
  /** Per request (requests whose transition passes appliesTo). */
  checkRequest?(request: RequestView, t: Transition, ctx: FileContext): RuleFinding[];
  /**
   * Per request whatever its model, including one chosen at run time (`model=self.model`): for changes the
   * API makes on every model (a deprecated parameter).
   */
  checkAnyRequest?(request: RequestView, ctx: FileContext): RuleFinding[];
  /** Per file (once per file, with the file's transitions). */
  checkFile?(ctx: FileContext): RuleFinding[];
  /** Once per run (reported once, not per file), given every transition seen. */
  checkRun?(transitions: Transition[]): RuleFinding[];
  /** Across files, after every file was planned (a test coupled to a registry in another file). */
  checkFiles?(files: PlannedFileSummary[]): CrossFileFinding[];
  docs: RuleDocs;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
