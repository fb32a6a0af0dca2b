// Suppression chosen in the review: an inline `claude-migrate-ignore <rule>: reason` comment above
// the finding's line, rendered by the file's own adapter (an `insert-comment` intent) into the text
// the plan is about to write. Engine-agnostic: it only needs a FileResult and its adapter.
import { diffLines } from 'diff';
import type { FileResult, RunResult } from '../engine/types.js';
import { isSuppressed, suppressionsOf } from '../engine/suppress.js';
import { applyTextEdits } from '../languages/edit-helpers.js';
import { adapterFor } from '../languages/registry.js';
import type { TextEdit } from '../languages/types.js';
import { readCandidate } from '../scanner/read.js';

export const DEFAULT_IGNORE_REASON = 'kept as is after review (claude-migrate interactive)';

export interface IgnoreCommentResult {
  /** Comments inserted per file. */
  inserted: Map<string, number>;
  /** Suppressions that could not be written as a comment, and why. */
  refused: { findingId: string; path: string; reason: string }[];
}

/**
 * Original line (1-based) → line in the planned text, through a line diff. A line the plan rewrote
 * maps to the first line of its replacement.
 */
export function lineMapper(original: string, planned: string): (line: number) => number {
  if (original === planned) return (line) => line;
  const spans: { from: number; count: number; to: number; kept: boolean }[] = [];
  let o = 1;
  let p = 1;
  for (const change of diffLines(original, planned)) {
    const n = change.count ?? 0;
    if (change.added) { p += n; continue; }
    spans.push({ from: o, count: n, to: p, kept: !change.removed });
    o += n;
    if (!change.removed) p += n;
  }
  return (line) => {
    const span = spans.find((s) => line >= s.from && line < s.from + s.count);
    if (!span) return p;
    return span.kept ? span.to + (line - span.from) : span.to;
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Insert one ignore comment per suppressed finding (findings on the same line share one comment)
 * into `run`'s planned text, mutating the FileResults so applyPlan writes them. Refused, and the file
 * left as planned, when the adapter cannot render a comment there, the comment would land inside a
 * string, the result has more syntax errors, or the engine would not read it as suppressing the finding.
 */
export async function insertIgnoreComments(run: RunResult, findingIds: string[], reason = DEFAULT_IGNORE_REASON, maxBytes?: number): Promise<IgnoreCommentResult> {
  const out: IgnoreCommentResult = { inserted: new Map(), refused: [] };
  const wanted = new Set(findingIds);
  const located = new Set<string>();
  for (const file of run.files) {
    const findings = file.findings.filter((f) => wanted.has(f.id));
    if (findings.length === 0) continue;
    for (const f of findings) located.add(f.id);
    const refuse = (why: string) => findings.forEach((f) => out.refused.push({ findingId: f.id, path: file.path, reason: why }));
    const texts = currentTexts(run.root, file, maxBytes);
    if ('error' in texts) { refuse(texts.error); continue; }
    const adapter = await adapterFor(file.language);
    if (!adapter) { refuse(`no ${file.language} adapter to write a comment with`); continue; }

    const map = lineMapper(texts.original, texts.planned);
    // Planned line → rule ids to ignore there.
    const byLine = new Map<number, { rules: Set<string>; ids: string[] }>();
    for (const f of findings) {
      if (f.line < 1) { out.refused.push({ findingId: f.id, path: file.path, reason: 'the finding has no line' }); continue; }
      const line = map(f.line);
      const slot = byLine.get(line) ?? { rules: new Set<string>(), ids: [] };
      slot.rules.add(f.rule);
      slot.ids.push(f.id);
      byLine.set(line, slot);
    }

    const parsed = await adapter.parse(texts.planned, file.path);
    const edits: TextEdit[] = [];
    const accepted: { line: number; rules: Set<string>; ids: string[] }[] = [];
    try {
      const starts = lineStarts(texts.planned);
      for (const [line, slot] of byLine) {
        const start = starts[line - 1];
        const refuseSlot = (why: string) => slot.ids.forEach((id) => out.refused.push({ findingId: id, path: file.path, reason: why }));
        if (start === undefined) { refuseSlot('the line is past the end of the file'); continue; }
        const indent = /^[ \t]*/.exec(texts.planned.slice(start))![0].length;
        const at = start + indent;
        // A comment inserted inside a multi-line string would change the string, not suppress anything.
        if (start > 0 && parsed.contextAt(start - 1).inString && parsed.contextAt(start).inString) { refuseSlot('the line continues a multi-line string'); continue; }
        const rendered = parsed.render({ kind: 'insert-comment', at, text: `claude-migrate-ignore ${[...slot.rules].join(', ')}: ${reason}` });
        if ('refused' in rendered) { refuseSlot(`the ${file.language} adapter cannot add a comment here: ${rendered.refused}`); continue; }
        edits.push(...rendered.edits);
        accepted.push({ line, ...slot });
      }
    } finally {
      parsed.dispose();
    }
    if (edits.length === 0) continue;

    let next: string;
    try {
      next = applyTextEdits(texts.planned, edits);
    } catch (err) {
      refuse(`the comments overlap: ${(err as Error).message}`);
      continue;
    }
    const errorsBefore = await adapter.countSyntaxErrors(texts.planned, file.path);
    if ((await adapter.countSyntaxErrors(next, file.path)) > errorsBefore) {
      accepted.forEach((a) => a.ids.forEach((id) => out.refused.push({ findingId: id, path: file.path, reason: 'the comment would introduce a syntax error' })));
      continue;
    }
    // The engine must read each comment as suppressing its finding: the line moved down by the comments above it.
    const suppressions = suppressionsOf(next);
    const inserted = (line: number) => accepted.filter((a) => a.line <= line).length;
    const unread = accepted.filter((a) => [...a.rules].some((rule) => !isSuppressed(suppressions, rule, a.line + inserted(a.line))));
    if (unread.length) {
      unread.forEach((a) => a.ids.forEach((id) => out.refused.push({ findingId: id, path: file.path, reason: 'the comment would not be read as a suppression there' })));
      continue;
    }
    file.original = texts.original;
    file.planned = next;
    for (const f of findings) if (accepted.some((a) => a.ids.includes(f.id))) f.suppressed = 'inline';
    out.inserted.set(file.path, accepted.length);
  }
  for (const id of wanted) if (!located.has(id)) out.refused.push({ findingId: id, path: '', reason: 'the finding is no longer in the plan' });
  return out;
}

/** The text as read (BOM stripped) and as planned; files without edits are read again and checked against the plan's hash. */
function currentTexts(root: string, file: FileResult, maxBytes = 2 * 1024 * 1024): { original: string; planned: string } | { error: string } {
  if (file.original !== undefined && file.planned !== undefined) return { original: file.original, planned: file.planned };
  const read = readCandidate(root, file.path, { maxBytes });
  if (!read.ok) return { error: `cannot read the file: ${read.detail}` };
  if (file.sha256 && read.sha256 !== file.sha256) return { error: 'the file changed after it was scanned' };
  return { original: read.text, planned: read.text };
}
