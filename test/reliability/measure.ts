// The three reliability properties measured on one input: syntax errors before/after, fixed point, and
// which input lines changed outside every applied finding. Shared by the property and overlap tests.
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
  outsideLines: number[];
}

/** Runs planFile twice and measures the three properties on one input. */
export async function measure(lang: LanguageId, path: string, src: string): Promise<PropertyOutcome> {
  const adapter = (await adapterFor(lang))!;
  const first = await planFile(path, src, lang, OPTS);
  const output = first.result.planned ?? src;
  const second = await planFile(path, output, lang, OPTS);
  const spans = first.result.findings.filter((f) => f.applied).map((f) => [f.line, f.endLine] as const);
  const inSpan = (line: number) => spans.some(([from, to]) => line >= from && line <= to);
  const { removed, insertedBefore } = changedLines(src.split('\n'), output.split('\n'));
  // An insertion sits between two lines: fine if either neighbour is inside an applied finding.
  const outsideLines = [...removed.filter((l) => !inSpan(l)), ...insertedBefore.filter((l) => !inSpan(l) && !inSpan(l - 1))];
  return {
    errorsIn: await adapter.countSyntaxErrors(src, path),
    errorsOut: await adapter.countSyntaxErrors(output, path),
    output,
    secondOutput: second.result.planned ?? output,
    outsideLines,
  };
}

