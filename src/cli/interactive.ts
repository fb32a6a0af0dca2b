// The interactive migration (`claude-migrate` with no command on a terminal): scope → review →
// prompt edits → write → summary. Every choice becomes an engine option (paths, decide); the screens
// only collect decisions, and `q` on any screen leaves every file as it was.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TARGETS, UnknownTargetError, resolveTarget } from '../catalog/index.js';
import { applyPlanAsync } from '../engine/apply.js';
import { plan, todayIso, type PlanOptions } from '../engine/plan.js';
import type { RunResult, SkippedFile } from '../engine/types.js';
import { markdownReporter } from '../report/markdown.js';
import type { Severity } from '../rules/types.js';
import { gitStatus } from '../scanner/git.js';
import { renderPromptEdits, renderReview, renderScope, renderSummary, type PromptEditsDecision, type ScopeDecision } from '../ui/index.js';
import { loadConfig } from './config.js';
import { UserError } from './errors.js';
import { insertIgnoreComments } from './ignore-comments.js';
import { buildPromptEditsViewModel, buildReviewViewModel, buildScopeViewModel, buildSummaryViewModel, chooseFrom, decideFrom, pathOfKey, ruleOfKey } from './interactive-model.js';
import { progressReporter } from './progress.js';

export interface InteractiveOptions {
  /** Repository root (default: the current directory). */
  root?: string;
  target?: string;
  include?: string[];
  exclude?: string[];
  config?: string;
  today?: string;
  keepBudgetTokens?: boolean;
  /** Write even when git has uncommitted changes the scope screen did not show. */
  allowDirty?: boolean;
  /** Save the summary as Markdown here. */
  report?: string;
  /** Strip colours (also NO_COLOR). */
  noColor?: boolean;
  quiet?: boolean;
  /** false: plan every file again (--no-cache). */
  cache?: boolean;
}

export interface InteractiveOutcome {
  quit: boolean;
  written: string[];
}

function validTarget(target: string): string {
  if (target === 'auto') return target;
  try {
    resolveTarget(undefined, target);
  } catch (err) {
    if (err instanceof UnknownTargetError || (err as Error).name === 'UnknownTargetError') {
      throw new UserError(`unknown target model "${target}"`, `Use auto or one of: ${TARGETS.join(', ')}.`);
    }
    throw err;
  }
  return target;
}

/** Plan options shared by every pass of the session (config file + flags). */
function baseOptions(opts: InteractiveOptions): Omit<PlanOptions, 'paths' | 'applySuggestions' | 'decide'> {
  const root = resolve(opts.root ?? process.cwd());
  const config = loadConfig(root, opts.config);
  const rules = Object.entries(config.rules ?? {});
  return {
    root,
    target: validTarget(opts.target ?? config.target ?? 'auto'),
    include: [...(config.include ?? []), ...(opts.include ?? [])],
    exclude: [...(config.exclude ?? []), ...(opts.exclude ?? [])],
    today: opts.today ?? todayIso(),
    keepBudgetTokens: opts.keepBudgetTokens ?? config.keepBudgetTokens,
    rulesOff: rules.filter(([, v]) => v === 'off').map(([k]) => k),
    severity: Object.fromEntries(rules.filter(([, v]) => v !== 'off')) as Record<string, Severity>,
    cache: opts.cache !== false,
  };
}

function pathsOf(scope: Exclude<ScopeDecision, { kind: 'quit' }>): string[] | undefined {
  if (scope.kind === 'dir') return [scope.path];
  if (scope.kind === 'files') return scope.paths;
  return undefined;
}

/** `$VISUAL`/`$EDITOR` (may carry arguments, e.g. `code -w`), at the finding's line. Synchronous so Ink stops reading stdin meanwhile. */
export function editorOpener(root: string, opened: Set<string>): (path: string, line: number) => void {
  return (path, line) => {
    const [command, ...args] = (process.env.VISUAL || process.env.EDITOR || 'vi').trim().split(/\s+/);
    opened.add(path);
    const result = spawnSync(command!, [...args, `+${Math.max(1, line)}`, resolve(root, path)], { stdio: 'inherit' });
    if (result.error) throw new Error(`${command}: ${result.error.message}`);
  };
}

export async function runInteractive(opts: InteractiveOptions = {}): Promise<InteractiveOutcome> {
  const noColor = !!opts.noColor || !!process.env.NO_COLOR;
  const base = baseOptions(opts);
  const status = (line: string) => { if (!opts.quiet) process.stderr.write(`${line}\n`); };
  const quit = (): InteractiveOutcome => {
    status('Quit: nothing was written.');
    return { quit: true, written: [] };
  };
  const planned = async (extra: Partial<PlanOptions>): Promise<RunResult> => {
    const progress = opts.quiet ? undefined : progressReporter(process.stderr);
    const run = await plan({ ...base, onProgress: progress?.update, ...extra });
    progress?.done();
    return run;
  };

  // 1. Scope: the whole root with every suggestion planned, so each finding carries its before/after.
  const whole = await planned({ applySuggestions: true });
  const scope = await renderScope(buildScopeViewModel(whole), { noColor });
  if (scope.kind === 'quit') return quit();
  const paths = pathsOf(scope);
  // Choosing a scope under the dirty-tree warning confirms those files; anything new is refused below.
  const confirmedDirty = new Set(whole.git.dirtyFiles);

  // 2. Review, on a fresh plan of the chosen paths.
  const reviewed = await planned({ paths, applySuggestions: true });
  const opened = new Set<string>();
  const review = await renderReview(buildReviewViewModel(reviewed), { noColor, onOpenEditor: editorOpener(base.root, opened) });
  if (review.quit) return quit();

  // 3. Optional prompt edits: nothing applied unless accepted.
  const promptVm = buildPromptEditsViewModel(reviewed);
  let prompts: PromptEditsDecision | undefined;
  if (promptVm.items.length > 0) {
    prompts = await renderPromptEdits(promptVm, { noColor, onOpenEditor: editorOpener(base.root, opened) });
    if (prompts.quit) return quit();
  }

  // 4. The final plan carries exactly the decisions; suppressions become ignore comments.
  const final = await planned({ paths, applySuggestions: false, decide: decideFrom(review, prompts, reviewed), choose: chooseFrom(review) });
  const notWritten: SkippedFile[] = [];
  const reviewedHash = new Map(reviewed.files.map((f) => [f.path, f.sha256]));
  for (const file of final.files) {
    // Decisions are keyed by position: a file edited during the review (e.g. in $EDITOR) must be reviewed again.
    const before = reviewedHash.get(file.path);
    if (before === undefined || before === file.sha256) continue;
    if (file.planned !== undefined || review.suppress.some((s) => pathOfKey(s.findingId) === file.path)) {
      notWritten.push({ path: file.path, reason: 'changed-on-disk', detail: 'changed during the review; run claude-migrate again to review it' });
    }
    file.planned = undefined;
    file.original = undefined;
    for (const f of file.findings) f.applied = false;
  }
  const changedDuringReview = new Set(notWritten.map((n) => n.path));
  const toSuppress = review.suppress.map((s) => s.findingId).filter((id) => !changedDuringReview.has(pathOfKey(id)));
  const comments = await insertIgnoreComments(final, toSuppress, undefined, base.maxBytes);
  for (const r of comments.refused) {
    notWritten.push({ path: r.path || pathOfKey(r.findingId), reason: 'refused-edit', detail: `ignore comment for ${ruleOfKey(r.findingId)} not added: ${r.reason}` });
  }

  // Never mix the migration with changes the user did not see on the scope screen.
  let written: string[] = [];
  const now = await gitStatus(base.root);
  const unexpected = now.dirtyFiles.filter((p) => !confirmedDirty.has(p) && !opened.has(p));
  if (now.isRepo && unexpected.length > 0 && !opts.allowDirty) {
    const detail = `not written: git has uncommitted changes that were not on the scope screen (${unexpected.slice(0, 5).join(', ')}${unexpected.length > 5 ? ', …' : ''}); commit or stash them and run again, or pass --allow-dirty`;
    for (const f of final.files) {
      if (f.planned === undefined) continue;
      notWritten.push({ path: f.path, reason: 'refused-edit', detail });
      for (const x of f.findings) x.applied = false;
    }
  } else {
    let stop = false;
    const onSignal = () => { stop = true; };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await applyPlanAsync(final, { shouldStop: () => stop });
      written = result.written;
      notWritten.push(...result.refused);
      if (result.interrupted) {
        status(`Interrupted: ${written.length} file(s) were written completely (${written.join(', ') || 'none'}); no file was left half-written.`);
        process.exitCode = 130;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  final.skipped.push(...notWritten);

  // 5. Summary, and the same summary as Markdown when asked.
  let reportPath: string | undefined;
  if (opts.report) {
    reportPath = opts.report;
    writeFileSync(resolve(opts.report), markdownReporter(final, { color: false, mode: 'apply', today: base.today, written }));
  }
  const summary = buildSummaryViewModel({ run: final, written, notWritten, commentsByFile: comments.inserted, declinedPromptIds: prompts?.declined, reportPath });
  await renderSummary(summary, { noColor });
  return { quit: false, written };
}
