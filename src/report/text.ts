// Human report: Step 0 sizing (per top-level directory and bucket, git status), sync markers first,
// then files grouped by bucket with the action each bucket gets, then each finding with its why.
import { styleText } from 'node:util';
import type { Finding, RunResult } from '../engine/types.js';
import type { Bucket } from '../rules/types.js';
import type { Reporter, ReportOptions } from './types.js';

export const BUCKET_ORDER: Bucket[] = ['caller', 'definer', 'variant', 'string-reference'];
export const BUCKET_ACTION: Record<Bucket, string> = {
  caller: 'swap the ID and apply the target\'s breaking-change rules',
  definer: 'keep the old entry, add the new model alongside, flag',
  variant: 'leave alone, flag',
  'string-reference': 'swap, except capability gates, registry asserts and generated files',
};

type Style = Parameters<typeof styleText>[0];

export function topDir(path: string): string {
  const i = path.indexOf('/');
  return i === -1 ? '.' : `${path.slice(0, i)}/`;
}

/** Per top-level directory: file counts by bucket (Step 0's sizing question). */
export function directoryCounts(run: RunResult): { dir: string; total: number; byBucket: Record<Bucket, number>; references: number }[] {
  const dirs = new Map<string, { dir: string; total: number; byBucket: Record<Bucket, number>; references: number }>();
  for (const f of run.files) {
    const d = topDir(f.path);
    const row = dirs.get(d) ?? { dir: d, total: 0, byBucket: { caller: 0, definer: 0, variant: 0, 'string-reference': 0 }, references: 0 };
    row.total++;
    row.byBucket[f.bucket]++;
    row.references += f.findings.filter((x) => x.from !== undefined).length;
    dirs.set(d, row);
  }
  return [...dirs.values()].sort((a, b) => b.references - a.references || b.total - a.total || a.dir.localeCompare(b.dir));
}

export const textReporter: Reporter = (run, opts) => {
  const c = (style: Style, s: string) => (opts.color ? styleText(style, s) : s);
  const sev = (f: Finding) => (f.severity === 'blocks' ? c('red', 'blocks') : f.severity === 'tune' ? c('yellow', 'tune') : c('cyan', 'info'));
  const lines: string[] = [];
  const findings = run.files.reduce((n, f) => n + f.findings.filter((x) => !x.suppressed).length, 0);
  lines.push(c('bold', `claude-migrate ${opts.mode}: ${run.files.length} file(s) with Claude model references or findings, ${findings} finding(s); target ${run.target}`));
  lines.push(`Scanned ${run.stats.filesListed} file(s), ${run.stats.candidates} candidate(s)${run.stats.fromCache ? ` (${run.stats.fromCache} unchanged since the last run, plans reused)` : ''}, in ${(run.stats.durationMs / 1000).toFixed(2)}s.`);
  if (run.git.isRepo) lines.push(run.git.clean ? 'git status: clean.' : c('yellow', `git status: ${run.git.dirtyFiles.length} uncommitted change(s): ${run.git.dirtyFiles.slice(0, 5).join(', ')}${run.git.dirtyFiles.length > 5 ? ', …' : ''}. Unexpected modifications mean a concurrent process: investigate before applying.`));
  else lines.push('Not a git repository: changes cannot be reviewed with git diff; use `claude-migrate diff` first.');

  const counts = directoryCounts(run);
  if (counts.length) {
    lines.push('', c('bold', 'Scope by top-level directory') + ' (files: caller / definer / variant / string-reference; model references):');
    for (const d of counts) lines.push(`  ${d.dir.padEnd(28)} ${String(d.total).padStart(4)} file(s)  ${d.byBucket.caller} / ${d.byBucket.definer} / ${d.byBucket.variant} / ${d.byBucket['string-reference']}   ${d.references} reference(s)`);
  }

  const markers = run.files.flatMap((f) => f.findings.filter((x) => x.rule === 'sync-marker').map((x) => ({ f, x })));
  if (markers.length) {
    lines.push('', c('bold', 'Sync markers (review these first):'));
    for (const { f, x } of markers) lines.push(`  ${f.path}:${x.line}  ${x.message}`);
  }

  for (const bucket of BUCKET_ORDER) {
    const files = run.files.filter((f) => f.bucket === bucket);
    if (!files.length) continue;
    lines.push('', c('bold', `${bucket} (${files.length} file(s)): ${BUCKET_ACTION[bucket]}`));
    for (const f of files) {
      const changed = f.planned !== undefined ? (opts.mode === 'apply' && opts.written?.includes(f.path) ? c('green', ' [changed]') : c('green', ' [would change]')) : '';
      lines.push(`  ${f.path}${changed}`);
      for (const x of f.findings) {
        if (x.rule === 'sync-marker') continue;
        const tag = x.suppressed ? c('dim', ` (suppressed: ${x.suppressed})`) : '';
        const fix = x.applied ? c('green', 'fixed') : x.fix;
        lines.push(`    ${x.line}:${x.column}  ${sev(x)}  ${x.rule}  [${fix}]${tag}  ${x.message}`);
        if (x.from !== undefined && x.to !== undefined && x.from !== x.to) lines.push(`          ${x.from} → ${x.to}`);
        if (x.prompt) lines.push(`          optional prompt edit: "${x.prompt.before}" → "${x.prompt.after || '(delete)'}"`);
        for (const n of x.notes ?? []) lines.push(`          ${c('dim', n)}`);
      }
    }
  }
  if (run.runFindings.length) {
    lines.push('', c('bold', 'For the whole migration:'));
    for (const x of run.runFindings) lines.push(`  ${sev(x)}  ${x.rule}  ${x.message}`);
  }
  if (run.skipped.length) {
    lines.push('', c('bold', `Skipped (${run.skipped.length}):`));
    for (const s of run.skipped) lines.push(`  ${s.path}: ${s.reason}: ${s.detail}`);
  }
  const changed = run.files.filter((f) => f.planned !== undefined).length;
  if (opts.mode !== 'apply') lines.push('', changed ? `${changed} file(s) would change: review with \`claude-migrate diff\`, write with \`claude-migrate apply --yes\`.` : 'No automatic changes planned.');
  return lines.join('\n') + '\n';
};

export function summarize(run: RunResult, opts: ReportOptions): string {
  return textReporter(run, opts);
}
