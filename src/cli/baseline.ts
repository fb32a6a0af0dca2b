// Baselines let a large repo adopt the lint and fail only on new findings. A finding is keyed by
// file, rule and the trimmed text of its line, so edits elsewhere in the file do not unbaseline it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RunResult } from '../engine/types.js';
import { UserError } from './errors.js';

interface BaselineFile {
  version: 1;
  findings: string[];
}

function lineText(run: RunResult, path: string, line: number, cache: Map<string, string[]>): string {
  let lines = cache.get(path);
  if (!lines) {
    const f = run.files.find((x) => x.path === path);
    let text = f?.original;
    if (text === undefined) {
      try { text = readFileSync(`${run.root}/${path}`, 'utf8'); } catch { text = ''; }
    }
    lines = text.split('\n');
    cache.set(path, lines);
  }
  return (lines[line - 1] ?? '').trim();
}

function keysOf(run: RunResult): { key: string; file: number; finding: number }[] {
  const cache = new Map<string, string[]>();
  const out: { key: string; file: number; finding: number }[] = [];
  run.files.forEach((f, fi) => f.findings.forEach((x, xi) => {
    const h = createHash('sha256').update(`${f.path}\0${x.rule}\0${lineText(run, f.path, x.line, cache)}`).digest('hex').slice(0, 16);
    out.push({ key: h, file: fi, finding: xi });
  }));
  return out;
}

export function writeBaseline(run: RunResult, path: string): number {
  const keys = [...new Set(keysOf(run).map((k) => k.key))].sort();
  writeFileSync(path, JSON.stringify({ version: 1, findings: keys } satisfies BaselineFile, null, 2) + '\n');
  return keys.length;
}

/** Marks baselined findings `suppressed: 'baseline'`; returns how many. */
export function applyBaseline(run: RunResult, path: string): number {
  if (!existsSync(path)) throw new UserError(`baseline not found: ${path}`, 'Create it with `claude-migrate lint --update-baseline --baseline <file>`.');
  let data: BaselineFile;
  try { data = JSON.parse(readFileSync(path, 'utf8')); } catch (err) { throw new UserError(`cannot read baseline ${path}: ${(err as Error).message}`, 'Regenerate it with --update-baseline.'); }
  const known = new Set(data.findings ?? []);
  let n = 0;
  for (const { key, file, finding } of keysOf(run)) {
    if (!known.has(key)) continue;
    const f = run.files[file].findings[finding];
    if (!f.suppressed) { f.suppressed = 'baseline'; n++; }
  }
  return n;
}
