// Pure translation between the engine's RunResult and the interactive UI's view models and
// decisions. No rule logic: what a finding offers is read from the finding itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { findModelIds } from '../catalog/index.js';
import type { Finding, FileResult, RunResult, SkippedFile } from '../engine/types.js';
import type { LanguageId } from '../languages/types.js';
import { getRule } from '../rules/registry.js';
import type { Bucket } from '../rules/types.js';
import { tuneChecklist, verificationSnippet } from '../report/checklists.js';
import { BUCKET_ORDER } from '../report/text.js';
import type {
  DefinerChoice,
  DefinerChoiceOffer,
  PrefillChoice,
  PrefillChoiceOffer,
  DiffLine,
  PromptEditsDecision,
  PromptEditsViewModel,
  ReviewDecision,
  ReviewFile,
  ReviewFinding,
  ReviewViewModel,
  ScopeViewModel,
  SummaryViewModel,
} from '../ui/types.js';

/** The rule whose findings are the guide's "defines or serves the model" question (Step 1, bucket 2). */
const DEFINER_RULE = 'definer-entry';
const PREFILL_RULE = 'prefill';
const DEFINER_CHOICES: DefinerChoice[] = ['add-alongside', 'leave', 'retire-old'];
const PREFILL_CHOICES: PrefillChoice[] = ['output-format', 'system-instruction', 'user-turn'];
const SYNC_RULE = 'sync-marker';

const emptyCounts = (): Record<Bucket, number> => ({ caller: 0, definer: 0, variant: 0, 'string-reference': 0 });

/** Optional prompt tuning: quoted before/after that the engine can apply. These get their own screen. */
export function isPromptEdit(f: Finding): boolean {
  return !!f.prompt && f.fix !== 'manual' && !f.suppressed;
}

const hasSyncMarker = (f: FileResult) => f.findings.some((x) => x.rule === SYNC_RULE);

/** Files with sync markers first (the guide reviews those first), then by path. */
function orderFiles(files: FileResult[]): FileResult[] {
  return [...files].sort((a, b) => Number(hasSyncMarker(b)) - Number(hasSyncMarker(a)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Reads one line of a file under the root (sync-marker text); undefined when unreadable. */
export function diskLineReader(root: string): (path: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (path, line) => {
    if (!cache.has(path)) {
      try {
        cache.set(path, readFileSync(join(root, path), 'utf8').split(/\r?\n/));
      } catch {
        cache.set(path, undefined);
      }
    }
    return cache.get(path)?.[line - 1];
  };
}

// ---------------------------------------------------------------- scope

export function buildScopeViewModel(run: RunResult, lineAt: (path: string, line: number) => string | undefined = diskLineReader(run.root)): ScopeViewModel {
  // Each occurrence counted once, even when two rules report it (model-id and definer-entry).
  const mapping = new Map<string, { from: string; to: string; count: number }>();
  const seen = new Set<string>();
  for (const file of run.files) {
    for (const f of file.findings) {
      if (f.suppressed || !f.from || !f.to || f.from === f.to) continue;
      const at = `${file.path}:${f.line}:${f.column}:${f.from}`;
      if (seen.has(at)) continue;
      seen.add(at);
      const key = `${f.from}\u0000${f.to}`;
      const row = mapping.get(key) ?? { from: f.from, to: f.to, count: 0 };
      row.count++;
      mapping.set(key, row);
    }
  }

  // Every directory holding a candidate file, at any depth, so a nested package can be picked alone.
  const dirs = new Map<string, { path: string; total: number; byBucket: Record<Bucket, number> }>();
  for (const file of run.files) {
    const parts = file.path.split('/').slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = parts.slice(0, depth).join('/');
      const row = dirs.get(path) ?? { path, total: 0, byBucket: emptyCounts() };
      row.total++;
      row.byBucket[file.bucket]++;
      dirs.set(path, row);
    }
  }

  const ordered = orderFiles(run.files);
  return {
    root: run.root,
    target: run.target,
    autoMapping: [...mapping.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)),
    // A nested directory holding exactly its parent's files adds no choice (java/src/main/… chains).
    dirs: [...dirs.values()]
      .filter((d) => !d.path.includes('/') || dirs.get(d.path.slice(0, d.path.lastIndexOf('/')))!.total !== d.total)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    files: ordered.map((f) => ({ path: f.path, bucket: f.bucket })),
    syncMarkers: ordered.flatMap((file) =>
      file.findings.filter((f) => f.rule === SYNC_RULE).map((f) => ({ path: file.path, line: f.line, text: lineAt(file.path, f.line) ?? f.message })),
    ),
    git: { clean: run.git.clean, dirtyFiles: run.git.dirtyFiles, isRepo: run.git.isRepo },
  };
}

// ---------------------------------------------------------------- review

/** Line diff of a finding's before/after text, with unchanged lines as context. */
export function diffLinesOf(before: string | undefined, after: string | undefined): DiffLine[] {
  if (before === undefined || after === undefined || before === after) return [];
  const out: DiffLine[] = [];
  for (const change of diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') || after === '' ? after : `${after}\n`)) {
    const kind: DiffLine['kind'] = change.added ? '+' : change.removed ? '-' : ' ';
    const lines = change.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

function reviewFinding(f: Finding): ReviewFinding {
  const diff = diffLinesOf(f.before, f.after);
  const out: ReviewFinding = {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    fix: f.fix,
    line: f.line,
    message: f.notes?.length ? `${f.message} ${f.notes.join(' ')}` : f.message,
    why: getRule(f.rule)?.docs.why,
    diff,
    preselected: f.fix === 'auto',
  };
  // Choices come from the finding's alternatives, each with the engine's own preview.
  const choices = f.choices ?? [];
  const diffOf = (c: (typeof choices)[number]) => diffLinesOf(c.before, c.after);
  if (f.rule === DEFINER_RULE && choices.length > 1) {
    const options = choices.map((c) => c.choice).filter((c): c is DefinerChoice => DEFINER_CHOICES.includes(c as DefinerChoice) && (c === 'leave' || choices.find((x) => x.choice === c)?.after !== undefined));
    if (options.length > 1) {
      const offer: DefinerChoiceOffer = { kind: 'definer', initial: 'add-alongside', options, diffByChoice: Object.fromEntries(choices.map((c) => [c.choice, diffOf(c)])) };
      out.choice = offer;
    }
  } else if (f.rule === PREFILL_RULE && choices.length > 1) {
    const options = choices.filter((c) => c.after !== undefined).map((c) => c.choice).filter((c): c is PrefillChoice => PREFILL_CHOICES.includes(c as PrefillChoice));
    if (options.length > 1) {
      const offer: PrefillChoiceOffer = { kind: 'prefill', initial: options[0], options, diffByChoice: Object.fromEntries(choices.map((c) => [c.choice, diffOf(c)])) };
      out.choice = offer;
    }
  }
  return out;
}

/** Findings of the scoped plan, files grouped by bucket in the text reporter's order. Prompt edits are left to their own screen. */
export function buildReviewViewModel(run: RunResult): ReviewViewModel {
  const groups: ReviewViewModel['groups'] = [];
  for (const bucket of BUCKET_ORDER) {
    const files: ReviewFile[] = [];
    for (const file of orderFiles(run.files.filter((f) => f.bucket === bucket))) {
      const findings = file.findings.filter((f) => !f.suppressed && !isPromptEdit(f)).map(reviewFinding);
      if (findings.length) files.push({ path: file.path, bucket, findings });
    }
    if (files.length) groups.push({ bucket, files });
  }
  return { target: run.target, groups };
}

// ---------------------------------------------------------------- prompt edits

export function buildPromptEditsViewModel(run: RunResult): PromptEditsViewModel {
  return {
    items: run.files.flatMap((file) =>
      file.findings.filter(isPromptEdit).map((f) => ({ id: f.id, file: file.path, line: f.line, rule: f.rule, before: f.prompt!.before, after: f.prompt!.after, why: f.message })),
    ),
  };
}

// ---------------------------------------------------------------- decisions -> engine

export type Decide = (key: string) => 'apply' | 'skip' | undefined;

/**
 * The engine's per-finding decision from the screens: accepted → apply; skipped, declined,
 * suppressed → skip. Keys the user never saw in a reviewed file are skipped too, so nothing is
 * written that was not shown; files outside the review keep the engine's defaults.
 */
export function decideFrom(review: ReviewDecision, prompts: PromptEditsDecision | undefined, reviewed: RunResult): Decide {
  const decisions = new Map<string, 'apply' | 'skip'>();
  for (const id of review.skippedFindingIds) decisions.set(id, 'skip');
  for (const { findingId } of review.suppress) decisions.set(findingId, 'skip');
  for (const id of review.acceptedFindingIds) decisions.set(id, 'apply');
  for (const [id, choice] of Object.entries(review.definerChoices)) if (choice === 'leave') decisions.set(id, 'skip');
  for (const id of prompts?.declined ?? []) decisions.set(id, 'skip');
  for (const id of prompts?.accepted ?? []) decisions.set(id, 'apply');
  const reviewedFiles = new Set(reviewed.files.map((f) => f.path));
  return (key) => {
    const decided = decisions.get(key);
    if (decided) return decided;
    return reviewedFiles.has(pathOfKey(key)) ? 'skip' : undefined;
  };
}

/** The engine's per-finding choice among alternatives (definer answers, prefill replacements). */
export function chooseFrom(review: ReviewDecision): (key: string) => string | undefined {
  const chosen = new Map<string, string>([...Object.entries(review.definerChoices), ...Object.entries(review.prefillChoices)]);
  return (key) => chosen.get(key);
}

/** `path#rule@line:col` → path (paths may themselves contain '#'). */
export function pathOfKey(key: string): string {
  const at = key.lastIndexOf('@');
  const hash = key.lastIndexOf('#', at === -1 ? undefined : at);
  return hash === -1 ? key : key.slice(0, hash);
}

/** `path#rule@line:col` → rule. */
export function ruleOfKey(key: string): string {
  return key.slice(pathOfKey(key).length + 1).split('@')[0] ?? key;
}

// ---------------------------------------------------------------- summary

export interface SummaryInput {
  run: RunResult;
  written: string[];
  /** Files not written, and why (changed on disk, refused, dirty tree). */
  notWritten: SkippedFile[];
  /** Ignore comments inserted, per file. */
  commentsByFile?: Map<string, number>;
  /** Prompt edits the user declined: optional, so they do not need a person. */
  declinedPromptIds?: string[];
  reportPath?: string;
}

/** The target models this run moves code to (explicit target, else the canonical targets of its model-ID findings). */
export function targetsOf(run: RunResult): string[] {
  if (run.target !== 'auto') return [run.target];
  const found = new Set<string>();
  for (const file of run.files) {
    for (const f of file.findings) {
      if (!f.to || f.from === f.to) continue;
      const model = findModelIds(f.to)[0]?.model;
      if (model) found.add(model.id);
    }
  }
  return [...found].sort();
}

function mostCommonCallerLanguage(run: RunResult): LanguageId {
  const n = new Map<LanguageId, number>();
  for (const f of run.files) if (f.bucket === 'caller') n.set(f.language, (n.get(f.language) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'python';
}

export function buildSummaryViewModel(input: SummaryInput): SummaryViewModel {
  const { run, written } = input;
  const declined = new Set(input.declinedPromptIds ?? []);
  const writtenSet = new Set(written);
  const needsPerson: SummaryViewModel['needsPerson'] = [];
  for (const file of run.files) {
    const fileWritten = writtenSet.has(file.path);
    for (const f of file.findings) {
      if (f.suppressed || f.rule === SYNC_RULE || declined.has(f.id)) continue;
      if (f.applied && fileWritten) continue;
      // Informational findings (prose mentions, snapshots, a registry left alone) are in the report, not a to-do.
      if (f.severity === 'info') continue;
      needsPerson.push({ path: file.path, line: f.line, rule: f.rule, message: f.message });
    }
  }
  for (const f of run.runFindings) needsPerson.push({ path: '(whole migration)', line: 0, rule: f.rule, message: f.message });

  const targets = targetsOf(run);
  const checklist = [...new Set(targets.flatMap((t) => tuneChecklist(t)))];
  const snippet = verificationSnippet(targets[0] ?? run.target, mostCommonCallerLanguage(run));
  return {
    written: written.map((path) => {
      const file = run.files.find((f) => f.path === path);
      const edits = (file?.findings.filter((f) => f.applied).length ?? 0) + (input.commentsByFile?.get(path) ?? 0);
      return { path, edits };
    }),
    needsPerson,
    notWritten: input.notWritten.map((s) => ({ path: s.path, reason: s.detail })),
    checklist,
    verificationSnippet: snippet.code,
    reportPath: input.reportPath,
  };
}
