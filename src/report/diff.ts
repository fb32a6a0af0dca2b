// Unified diffs of every planned edit, with the why of each change; `git apply` accepts the output.
import { createTwoFilesPatch } from 'diff';
import type { FileResult, RunResult } from '../engine/types.js';
import type { Reporter } from './types.js';

export function filePatch(f: FileResult): string {
  if (f.original === undefined || f.planned === undefined) return '';
  const bom = f.bom ? '\uFEFF' : '';
  const patch = createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, bom + f.original, bom + f.planned, '', '', { context: 3 });
  // jsdiff writes an `Index:`/`====` preamble; git apply wants the plain `diff --git` form.
  const body = patch.split('\n').filter((l, i) => !(i < 2 && (l.startsWith('Index:') || l.startsWith('====')))).join('\n');
  return `diff --git a/${f.path} b/${f.path}\n${body.replace(/^--- a\/(.*)\t$/m, '--- a/$1').replace(/^\+\+\+ b\/(.*)\t$/m, '+++ b/$1')}`;
}

/** Just the patch (for --patch FILE): nothing but diffs, so `git apply` takes it as is. */
export function patchOf(run: RunResult): string {
  return run.files.map(filePatch).filter(Boolean).join('');
}

export const diffReporter: Reporter = (run) => {
  const parts: string[] = [];
  for (const f of run.files) {
    const patch = filePatch(f);
    if (!patch) continue;
    const why = f.findings.filter((x) => x.applied).map((x) => `# ${f.path}:${x.line} ${x.rule}: ${x.fixTitle}. ${x.message}`);
    parts.push(why.join('\n') + '\n' + patch);
  }
  return parts.length ? parts.join('\n') : 'No changes.\n';
};
