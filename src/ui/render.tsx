// Facades the CLI calls: each mounts one screen, resolves with the user's decision, and unmounts.
// The CLI decides whether to mount at all (no TTY, CI, --yes or --format use a reporter instead).
import React, { type ReactElement } from 'react';
import { render } from 'ink';
import { PromptEditsScreen } from './components/PromptEditsScreen.js';
import { ReviewScreen } from './components/ReviewScreen.js';
import { ScopeScreen } from './components/ScopeScreen.js';
import { SummaryScreen } from './components/SummaryScreen.js';
import type {
  OpenEditor,
  PromptEditsDecision,
  PromptEditsViewModel,
  ReviewDecision,
  ReviewViewModel,
  ScopeDecision,
  ScopeViewModel,
  SummaryViewModel,
} from './types.js';

export interface RenderOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Strip colours; the caller sets it from NO_COLOR (non-empty) or --no-color. */
  noColor?: boolean;
}

export interface EditorRenderOptions extends RenderOptions {
  /** Called on `e`; spawn $EDITOR synchronously (spawnSync, stdio 'inherit') so Ink stops reading stdin meanwhile. */
  onOpenEditor?: OpenEditor;
}

/** Mount `screen`, resolve with what it reports through `done`, then unmount and wait for the last write. */
function mount<T>(screen: (done: (value: T) => void) => ReactElement, opts: RenderOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let result: T;
    const done = (value: T) => {
      if (settled) return;
      settled = true;
      result = value;
      // After the current input event; the live frame is erased so the next screen (or the
      // caller's output) starts where this one did.
      setImmediate(() => {
        instance.clear();
        instance.unmount();
      });
    };
    const instance = render(screen(done), {
      // Only streams actually given: an explicit `undefined` would replace Ink's process defaults.
      ...(opts.stdin ? { stdin: opts.stdin } : {}),
      ...(opts.stdout ? { stdout: opts.stdout } : {}),
      // `q` and Ctrl+C both resolve a quit decision; the caller decides the exit code.
      exitOnCtrlC: false,
      patchConsole: false,
    });
    instance.waitUntilExit().then(
      () => (settled ? resolve(result) : reject(new Error('The interactive screen closed before it produced a decision.'))),
      (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/**
 * Step 0: confirm the scope before any edit. Resolves with the user's scope, or `{ kind: 'quit' }`.
 *
 * ```
 * claude-migrate · confirm the migration scope
 * Root: /home/me/repo
 * Target: auto, per source model:
 *   claude-sonnet-4-5 → claude-sonnet-4-6  (12)
 * Sync markers (1), check these first:
 *   api/models.py:12  # MODEL LAUNCH: add new ids here
 * ⚠ Uncommitted changes in 2 files: api/a.py, README.md
 *
 * Found 30 files in 2 directories. What should I migrate?
 * › 1. The entire directory (30 files)
 *   2. A subdirectory… (2 directories)
 *   3. Specific files…
 *
 * ↑↓/j/k move · enter select · 1-3 choose · q quit
 * ```
 */
export function renderScope(vm: ScopeViewModel, opts: RenderOptions = {}): Promise<ScopeDecision> {
  return mount<ScopeDecision>((done) => <ScopeScreen vm={vm} onDone={done} noColor={opts.noColor} />, opts);
}

/**
 * Review the planned edits finding by finding. Resolves with accepted / skipped / suppressed
 * findings and the definer and prefill choices; `quit: true` (with nothing accepted) on `q`.
 *
 * ```
 * claude-migrate · review planned edits · target claude-opus-4-7
 * 1 accepted · 0 skipped · 2 undecided
 * Calls the API/SDK (1 file)
 *   src/app.py
 *   › [✓] [BLOCKS] thinking-budget · line 14 · auto
 *     [ ] [BLOCKS] sampling-params · line 15 · auto
 * ────────────────────────────────────────────────────────────────
 * [BLOCKS] thinking-budget · auto · src/app.py:14
 * budget_tokens is deprecated; use adaptive thinking.
 * Why: Opus 4.7 rejects thinking.type "enabled" with a 400.
 * - thinking={"type": "enabled", "budget_tokens": 8000},
 * + thinking={"type": "adaptive"},
 *
 * ↑↓/j/k move · a accept · s skip · space toggle · A accept rule · x suppress
 * F/S file · ←→/1-3 choice · [ ] scroll · e editor · enter finish · q quit
 * ```
 */
export function renderReview(vm: ReviewViewModel, opts: EditorRenderOptions = {}): Promise<ReviewDecision> {
  return mount<ReviewDecision>((done) => <ReviewScreen vm={vm} onDone={done} onOpenEditor={opts.onOpenEditor} noColor={opts.noColor} />, opts);
}

/**
 * Optional prompt edits, item by item, each quoting before and after. Undecided items are declined.
 *
 * ```
 * claude-migrate · prompt edits (optional tuning, not required by the API)
 * 0 accepted · 0 declined · 2 undecided
 * › [ ] agent/prompts.py:12  prompt-aggressive-language
 *   [ ] agent/prompts.py:30  prompt-progress-scaffolding
 * ────────────────────────────────────────────────────────────────
 * agent/prompts.py:12 · prompt-aggressive-language · optional
 * Before: “CRITICAL: You MUST use the search tool.”
 * After:  “Use the search tool when the answer depends on current data.”
 * Why: 4.6 follows the system prompt closely; shouting now overtriggers.
 *
 * ↑↓/j/k move · a accept · s decline · space toggle · A accept rule · [ ] scroll
 * e editor · enter finish · q quit
 * ```
 */
export function renderPromptEdits(vm: PromptEditsViewModel, opts: EditorRenderOptions = {}): Promise<PromptEditsDecision> {
  return mount<PromptEditsDecision>((done) => <PromptEditsScreen vm={vm} onDone={done} onOpenEditor={opts.onOpenEditor} noColor={opts.noColor} />, opts);
}

/**
 * What happened, shown until the user closes it (enter, q or esc).
 *
 * ```
 * claude-migrate · summary
 * Wrote 1 file (2 edits):
 *   src/app.py  (2 edits)
 * Needs a person (1):
 *   src/tools.py:40  undo-edit
 *     undo_edit is not supported on Claude 4 models.
 * Still to tune ([TUNE], optional):
 *   • Set output_config.effort explicitly (4.6 defaults to high).
 * Verify the migration (one real request):
 *   YOUR_TARGET_MODEL = "claude-opus-4-7"
 * Report: claude-migrate-report.md
 * ↑↓/j/k scroll · enter/q close
 * ```
 */
export function renderSummary(vm: SummaryViewModel, opts: RenderOptions = {}): Promise<void> {
  return mount<void>((done) => <SummaryScreen vm={vm} onDone={() => done(undefined)} noColor={opts.noColor} />, opts);
}
