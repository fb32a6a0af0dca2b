// Thin CLI: parse flags, call the engine, pick a reporter, map the result to an exit code.
// No rule names and no rule-specific branches here.
import { Command, Option } from 'commander';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve, relative, sep } from 'node:path';
import { TARGETS, UnknownTargetError, resolveTarget } from '../catalog/index.js';
import { plan, todayIso, type PlanOptions } from '../engine/plan.js';
import { applyWriter } from '../engine/write-thread.js';
import { gitStatus } from '../scanner/git.js';
import type { RunResult } from '../engine/types.js';
import type { Severity } from '../rules/types.js';
import { RULES, getRule } from '../rules/registry.js';
import { reporterFor, FORMATS } from '../report/index.js';
import { patchOf } from '../report/diff.js';
import type { ReportFormat } from '../report/types.js';
import { ruleDocMarkdown } from '../report/rule-docs.js';
import { loadConfig } from './config.js';
import { applyBaseline, writeBaseline } from './baseline.js';
import { EXIT, UserError, formatError } from './errors.js';
import { progressReporter } from './progress.js';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, tune: 1, blocks: 2 };

interface CommonFlags {
  target?: string;
  include?: string[];
  exclude?: string[];
  format?: ReportFormat;
  output?: string;
  color?: boolean;
  quiet?: boolean;
  config?: string;
  today?: string;
  keepBudgetTokens?: boolean;
  maxFileSize?: string;
  root?: string;
  applySuggestions?: boolean | string;
  /** false with --no-cache. */
  cache?: boolean;
}

function useColor(flags: CommonFlags): boolean {
  if (flags.color === false || process.env.NO_COLOR || process.env.CI) return false;
  if (flags.output) return false;
  return !!process.stdout.isTTY;
}

/** Scope: a single directory argument becomes the root; otherwise paths are scoped within the cwd (or --root). */
function scope(paths: string[], flags: CommonFlags): { root: string; paths?: string[] } {
  const cwd = process.cwd();
  if (flags.root) return { root: resolve(flags.root), paths: paths.length ? paths.map((p) => relative(resolve(flags.root!), resolve(p)).split(sep).join('/')) : undefined };
  for (const p of paths) if (!existsSync(p)) throw new UserError(`path not found: ${p}`, 'Pass files or directories that exist, relative to the current directory.');
  if (paths.length === 1 && statSync(paths[0]).isDirectory()) return { root: resolve(paths[0]) };
  if (paths.length === 0) return { root: cwd };
  return { root: cwd, paths: paths.map((p) => relative(cwd, resolve(p)).split(sep).join('/') || '.') };
}

function validateTarget(target: string): string {
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

async function runPlan(paths: string[], flags: CommonFlags, extra: Partial<PlanOptions> = {}): Promise<{ run: RunResult; failOn?: Severity }> {
  const { root, paths: scoped } = scope(paths, flags);
  const config = loadConfig(root, flags.config);
  const rulesOff = Object.entries(config.rules ?? {}).filter(([, v]) => v === 'off').map(([k]) => k);
  const severity = Object.fromEntries(Object.entries(config.rules ?? {}).filter(([, v]) => v !== 'off')) as Record<string, Severity>;
  const target = validateTarget(flags.target ?? config.target ?? 'auto');
  const listed = typeof flags.applySuggestions === 'string' ? flags.applySuggestions.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const suggestions = flags.applySuggestions === true || listed.some((s) => s.toLowerCase() === 'all') ? true : listed.length > 0 ? listed : false;
  if (Array.isArray(suggestions)) for (const id of suggestions) if (!getRule(id)) throw new UserError(`unknown rule "${id}" in --apply-suggestions`, 'Run `claude-migrate rules` for the list of rule ids.');
  const maxBytes = flags.maxFileSize ? parseSize(flags.maxFileSize) : undefined;
  const progress = flags.quiet ? undefined : progressReporter(process.stderr);
  const run = await plan({
    root,
    paths: scoped,
    include: [...(config.include ?? []), ...(flags.include ?? [])],
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    target,
    today: flags.today ?? todayIso(),
    keepBudgetTokens: flags.keepBudgetTokens ?? config.keepBudgetTokens,
    applySuggestions: suggestions,
    rulesOff,
    severity,
    maxBytes,
    cache: flags.cache !== false,
    onProgress: progress?.update,
    ...extra,
  });
  progress?.done();
  return { run, failOn: config.failOn };
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb)?$/i.exec(s.trim());
  if (!m) throw new UserError(`invalid size "${s}"`, 'Use bytes or a suffix: 500k, 2m.');
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(unit.startsWith('k') ? n * 1024 : unit.startsWith('m') ? n * 1024 * 1024 : n);
}

function emit(text: string, flags: CommonFlags): void {
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
}

function report(run: RunResult, flags: CommonFlags, mode: 'scan' | 'diff' | 'apply' | 'lint', written?: string[]): void {
  const format = flags.format ?? (mode === 'diff' ? 'diff' : 'text');
  emit(reporterFor(format)(run, { color: useColor(flags), mode, today: flags.today, written }), flags);
}

function activeFindings(run: RunResult) {
  return [...run.files.flatMap((f) => f.findings.filter((x) => !x.suppressed)), ...run.runFindings];
}

function addCommon(cmd: Command): Command {
  return cmd
    .argument('[paths...]', 'files or directories to migrate (default: the current directory)')
    .option('-t, --target <model>', `target model: auto (per source family) or ${TARGETS.join(', ')}`)
    .option('--include <glob...>', 'only files matching these globs')
    .option('--exclude <glob...>', 'skip files matching these globs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file')
    .option('--no-color', 'no ANSI colors (also NO_COLOR or CI)')
    .option('-q, --quiet', 'no progress output')
    .option('-c, --config <file>', 'config file (default: claude-migrate.config.json or package.json "claude-migrate")')
    .option('--root <dir>', 'the repository root paths are relative to')
    .option('--today <date>', 'date for lifecycle severity (YYYY-MM-DD)')
    .option('--keep-budget-tokens', 'on 4.6 targets keep budget_tokens (the guide\'s transitional escape hatch)')
    .option('--max-file-size <size>', 'skip files larger than this (default 2m)')
    .option('--no-cache', 'plan every file again instead of reusing the plans of files unchanged since the last run');
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('claude-migrate')
    .description('Migrate code that calls the Claude API onto newer Claude models, safely.\nWithout a command on a terminal: the interactive migration.')
    .version(readVersion(), '-v, --version')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride()
    // Options of the interactive migration; with positional options, a command's own flags stay its own.
    .enablePositionalOptions()
    .option('-t, --target <model>', `target model: auto (per source family) or ${TARGETS.join(', ')}`)
    .option('--include <glob...>', 'only files matching these globs')
    .option('--exclude <glob...>', 'skip files matching these globs')
    .option('--root <dir>', 'the repository to migrate (default: the current directory)')
    .option('-c, --config <file>', 'config file (default: claude-migrate.config.json or package.json "claude-migrate")')
    .option('--today <date>', 'date for lifecycle severity (YYYY-MM-DD)')
    .option('--keep-budget-tokens', 'on 4.6 targets keep budget_tokens (the guide\'s transitional escape hatch)')
    .option('--allow-dirty', 'write even when git has uncommitted changes the scope screen did not show')
    .option('--report <file>', 'save the summary as Markdown')
    .option('--no-cache', 'plan every file again instead of reusing the plans of files unchanged since the last run')
    .option('--no-color', 'no ANSI colors (also NO_COLOR)');

  addCommon(program.command('scan').description('report Claude model references, buckets and findings; never writes')).action(async (paths: string[], flags: CommonFlags) => {
    const { run } = await runPlan(paths, flags);
    report(run, flags, 'scan');
  });

  addCommon(program.command('diff').description('unified diffs of every edit apply would make, with the why of each (alias: --dry-run)'))
    .option('--patch <file>', 'also write a patch that `git apply` accepts')
    .option('--apply-suggestions [rules]', 'include suggest-level edits (all, or a comma-separated list of rule ids)')
    .action(async (paths: string[], flags: CommonFlags & { patch?: string }) => {
      const { run } = await runPlan(paths, flags);
      if (flags.patch) writeFileSync(flags.patch, patchOf(run));
      report(run, flags, 'diff');
    });

  addCommon(program.command('apply').description('write the automatic fixes (and accepted suggestions)'))
    .option('-y, --yes', 'write without asking (required without a terminal)')
    .option('--apply-suggestions [rules]', 'also apply suggest-level edits (all, or a comma-separated list of rule ids)')
    .option('--allow-dirty', 'write even when git has uncommitted changes')
    .action(async (paths: string[], flags: CommonFlags & { yes?: boolean; allowDirty?: boolean }) => {
      if (!flags.yes) throw new UserError('apply needs --yes', 'Review the changes with `claude-migrate diff` first, then run `claude-migrate apply --yes`.');
      // The tree is checked before planning: apply writes each file as soon as it is planned.
      const { root } = scope(paths, flags);
      const git = await gitStatus(root);
      if (git.isRepo && !git.clean && !flags.allowDirty) {
        throw new UserError(`git has ${git.dirtyFiles.length} uncommitted change(s): ${git.dirtyFiles.slice(0, 5).join(', ')}`, 'Commit or stash them so the migration can be reviewed on its own, or pass --allow-dirty.');
      }
      let stop = false;
      const written: string[] = [];
      // Writes overlap the planning of the rest of the scope (on a thread of their own); a stop ends both
      // the planning and the writes, after the file being written.
      const writer = applyWriter(root, { shouldStop: () => stop, onWrite: (p) => written.push(p) });
      const onSignal = () => {
        stop = true;
        writer.stop();
      };
      // `on`, not `once`: a second Ctrl-C must not kill the process between a temp file and its rename.
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let run: RunResult;
      try {
        ({ run } = await runPlan(paths, flags, { git, onFilePlanned: (file) => writer.push(file), shouldStop: () => stop }));
      } catch (err) {
        await writer.finish(); // no temp file left behind, whatever failed
        throw err;
      }
      const result = await writer.finish(run.files);
      if (stop) result.interrupted = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      run.skipped.push(...result.refused);
      report(run, flags, 'apply', written);
      const needsPerson = activeFindings(run).filter((f) => !('applied' in f && f.applied) && f.fix !== 'auto').length;
      const remaining = await stillOld(run, written);
      process.stderr.write(`\nSummary: ${written.length} file(s) changed, ${needsPerson} finding(s) need a person, ${run.skipped.length} skipped, ${remaining} old model ID(s) still present.\n`);
      if (result.interrupted) {
        process.stderr.write(`Interrupted: ${written.length} file(s) were written completely (${written.join(', ') || 'none'}); no file was left half-written.\n`);
        process.exitCode = 130;
      }
    });

  addCommon(program.command('lint').description('CI mode: exit 1 when findings at or above --fail-on remain'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails').choices(['blocks', 'tune', 'info']))
    .option('--baseline <file>', 'ignore findings recorded in this baseline file')
    .option('--update-baseline', 'write every current finding to the --baseline file and exit 0')
    .action(async (paths: string[], flags: CommonFlags & { failOn?: Severity; baseline?: string; updateBaseline?: boolean }) => {
      const { run, failOn: configured } = await runPlan(paths, flags);
      if (flags.updateBaseline) {
        if (!flags.baseline) throw new UserError('--update-baseline needs --baseline <file>', 'Example: claude-migrate lint --baseline .claude-migrate-baseline.json --update-baseline');
        const n = writeBaseline(run, flags.baseline);
        process.stderr.write(`Baseline ${flags.baseline}: ${n} finding(s) recorded.\n`);
        return;
      }
      if (flags.baseline) applyBaseline(run, flags.baseline);
      report(run, flags, 'lint');
      const failOn = flags.failOn ?? configured ?? 'blocks';
      const failing = activeFindings(run).filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
      if (failing.length) process.exitCode = EXIT.findings;
    });

  program.command('rules').description('list the rules, or print one rule\'s docs').argument('[id]', 'rule id').action((id?: string) => {
    if (id) {
      const rule = getRule(id);
      if (!rule) throw new UserError(`unknown rule "${id}"`, 'Run `claude-migrate rules` for the list.');
      process.stdout.write(ruleDocMarkdown(rule));
      return;
    }
    const w = Math.max(...RULES.map((r) => r.id.length));
    for (const r of RULES) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(6)}  ${r.fix.padEnd(7)}  ${r.fixTitle}\n`);
  });

  program.action(async (flags: CommonFlags & { allowDirty?: boolean; report?: string }) => {
    if (!process.stdin.isTTY || !process.stdout.isTTY || process.env.CI) {
      throw new UserError('the interactive migration needs a terminal', 'Use `claude-migrate scan` (report), `claude-migrate diff` (dry run) or `claude-migrate apply --yes` (write) instead.');
    }
    const { runInteractive } = await import('./interactive.js');
    await runInteractive({ ...flags, noColor: flags.color === false });
  });
  return program;
}

/** Old model IDs left after writing (re-planned on the written files only). */
async function stillOld(run: RunResult, written: string[]): Promise<number> {
  const done = new Set(written);
  const left = run.files.filter((f) => !done.has(f.path)).flatMap((f) => f.findings.filter((x) => x.rule === 'model-id' && !x.applied));
  return left.length;
}

function readVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[]): Promise<number> {
  // `--dry-run` is an alias of the diff command.
  const args = argv.slice(2);
  const i = args.indexOf('--dry-run');
  if (i !== -1) { args.splice(i, 1); if (!['diff', 'scan', 'lint', 'apply', 'rules'].includes(args[0])) args.unshift('diff'); }
  const program = buildProgram();
  try {
    await program.parseAsync(['node', 'claude-migrate', ...args]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    const code = (err as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return EXIT.ok;
      return EXIT.error;
    }
    const { text, code: exit } = formatError(err, !process.env.NO_COLOR && !!process.stderr.isTTY);
    process.stderr.write(text);
    return exit;
  }
}
