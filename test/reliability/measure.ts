// The three reliability properties measured on one input: syntax errors before/after, fixed point, and
// the edit footprint (lines changed outside every applied edit; edits past their findings' lines beyond
// layout). Shared by the property and overlap tests.
import { lineCol } from '../../src/engine/edits.js';
import { planFile } from '../../src/engine/plan-file.js';
import { adapterFor } from '../../src/languages/registry.js';
import type { LanguageId } from '../../src/languages/types.js';

const OPTS = { target: 'auto', today: '2026-11-22' } as const;

/** Input lines (1-based) removed or replaced, and insertion points (before input line n), by a line LCS. */
function changedLines(a: string[], b: string[]): { removed: number[]; insertedBefore: number[] } {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const removed: number[] = [];
  const insertedBefore: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) { insertedBefore.push(i + 1); j++; }
    else { removed.push(i + 1); i++; }
  }
  return { removed, insertedBefore };
}

export interface PropertyOutcome {
  errorsIn: number;
  errorsOut: number;
  output: string;
  secondOutput: string;
  /** Input lines the output changes that no applied edit covers (the engine wrote something it did not report). */
  outsideLines: number[];
  /**
   * Applied edits that reach past every applied finding's lines with more than layout: removing a
   * neighbour's separator (`,`) or whitespace, or inserting whole new lines, is how a field is removed or
   * added; removing or splicing into any other line is an adapter touching code no finding is about.
   */
  strayEdits: string[];
  editSpans: { start: number; end: number }[];
  /** Applied findings other than model-id (request rules: thinking, sampling, output_config…). */
  requestRules: number;
}

/** 1-based line of an offset. */
function lineAt(starts: number[], offset: number): number {
  return lineCol(starts, offset).line;
}

export interface Footprint {
  outsideLines: number[];
  strayEdits: string[];
}

/**
 * Where an output may differ from its input: (a) only on lines an applied edit covers (`outsideLines` lists
 * the others), and (b) an applied edit may reach past the applied findings' lines only with layout
 * (`strayEdits` lists the others). Pure, so the checks themselves are tested on hand-made plans.
 */
export function checkFootprint(src: string, output: string, editSpans: { start: number; end: number }[], findings: { line: number; endLine: number }[]): Footprint {
  const starts = [0, ...[...src.matchAll(/\n/g)].map((m) => m.index + 1)];
  const edited = new Set<number>();
  for (const { start, end } of editSpans) {
    // A range ending just after a newline does not touch the next line.
    const last = end > start && src[end - 1] === '\n' ? end - 1 : end;
    for (let l = lineAt(starts, start); l <= lineAt(starts, last); l++) edited.add(l);
  }
  const { removed, insertedBefore } = changedLines(src.split('\n'), output.split('\n'));
  // An insertion sits between two lines: fine if either neighbour is edited.
  const outside = [...removed.filter((l) => !edited.has(l)), ...insertedBefore.filter((l) => !edited.has(l) && !edited.has(l - 1))];
  const outsideLines = [...new Set(outside)].sort((x, y) => x - y);

  const findingLines = new Set<number>();
  for (const f of findings) for (let l = f.line; l <= f.endLine; l++) findingLines.add(l);
  const strayEdits: string[] = [];
  for (const span of editSpans) {
    for (let i = span.start; i < span.end; i++) {
      if (!findingLines.has(lineAt(starts, i)) && !/[\s,]/.test(src[i])) {
        strayEdits.push(`removes ${JSON.stringify(src.slice(span.start, span.end))} at line ${lineAt(starts, i)}, outside every applied finding`);
        break;
      }
    }
    const line = lineAt(starts, span.start);
    // New lines (text inserted at a line's start or end) leave existing lines' code as it was.
    const atLineBoundary = span.start === starts[line - 1] || span.end === src.length || src[span.end] === '\n';
    if (span.start === span.end && !findingLines.has(line) && !atLineBoundary) strayEdits.push(`inserts mid-line at line ${line}, outside every applied finding`);
  }
  return { outsideLines, strayEdits };
}

/** Runs planFile twice and measures the three properties on one input. */
export async function measure(lang: LanguageId, path: string, src: string): Promise<PropertyOutcome> {
  const adapter = (await adapterFor(lang))!;
  const first = await planFile(path, src, lang, OPTS);
  const output = first.result.planned ?? src;
  const second = await planFile(path, output, lang, OPTS);
  const editSpans = first.result.editSpans ?? [];
  if (output !== src && !first.result.editSpans) throw new Error('planFile changed the file but reported no editSpans');
  const { outsideLines, strayEdits } = checkFootprint(src, output, editSpans, first.result.findings.filter((f) => f.applied));
  return {
    errorsIn: await adapter.countSyntaxErrors(src, path),
    errorsOut: await adapter.countSyntaxErrors(output, path),
    output,
    secondOutput: second.result.planned ?? output,
    outsideLines,
    strayEdits,
    editSpans,
    requestRules: first.result.findings.filter((f) => f.applied && f.rule !== 'model-id').length,
  };
}
