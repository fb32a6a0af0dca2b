// Edit bookkeeping: overlap checks, merging of intents that target the same new field, and mapping
// offsets of a rewritten text back to the original.
import type { EditIntent, NeutralValue, TextEdit } from '../languages/types.js';
import { isRawCode } from '../languages/types.js';

/** Two edits conflict when their ranges intersect, or both insert at the same point. */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

export function conflictsWith(edits: TextEdit[], accepted: TextEdit[]): boolean {
  return edits.some((e) => accepted.some((a) => overlaps(e, a))) || edits.some((e, i) => edits.some((f, j) => i < j && overlaps(e, f)));
}

/**
 * One finding's edits, made consistent: exact duplicates dropped, insertions at the same point joined
 * in order (a typed SDK adds two imports at the same place). Otherwise they would conflict with each
 * other and the finding could never be applied.
 */
export function joinOwnEdits(edits: TextEdit[], text?: string): TextEdit[] {
  const out: TextEdit[] = [];
  // Ranged edits first: an insertion strictly inside a range the same finding replaces joins that
  // replacement (remove `output_format` + add `output_config` where it stood).
  const ordered = [...edits.filter((e) => e.start !== e.end), ...edits.filter((e) => e.start === e.end)];
  for (const e of ordered) {
    const host = e.start === e.end ? out.find((o) => o.start < e.start && e.start < o.end) : undefined;
    if (host) {
      // The replacement usually keeps the removed range's tail (its newline): insert before that tail.
      const removed = text?.slice(host.start, host.end) ?? '';
      let keep = 0;
      while (keep < host.text.length && keep < removed.length && host.text[host.text.length - 1 - keep] === removed[removed.length - 1 - keep]) keep++;
      if (e.start > host.end - keep) keep = 0;
      // A whole removed line replaced by a line inserted after its end (`\n  new,`): the new line takes its place.
      const eol = /^\r?\n/.exec(e.text)?.[0];
      const inserted = host.text === '' && eol && removed.endsWith('\n') && (host.start === 0 || text?.[host.start - 1] === '\n') ? e.text.slice(eol.length) + eol : e.text;
      host.text = host.text.slice(0, host.text.length - keep) + inserted + host.text.slice(host.text.length - keep);
      continue;
    }
    if (out.some((o) => o.start === e.start && o.end === e.end && o.text === e.text)) continue;
    const same = e.start === e.end ? out.find((o) => o.start === e.start && o.end === e.end) : undefined;
    if (same) same.text = joinInsertions(same.text, e.text);
    else out.push({ ...e });
  }
  return out;
}

/** Whole-line insertions at one point of the same kind (imports) stay sorted, as the adapter placed each one. */
function joinInsertions(a: string, b: string): string {
  const head = (l: string) => /^\s*\S+/.exec(l)?.[0];
  const sorted = (lines: string[]) => (lines.every((l) => head(l) !== undefined && head(l) === head(lines[0])) ? lines.sort((x, y) => x.trim().localeCompare(y.trim())).join('') : undefined);
  if (a.endsWith('\n') && b.endsWith('\n')) return sorted((a + b).split(/(?<=\n)/).filter(Boolean)) ?? a + b;
  if (a.startsWith('\n') && b.startsWith('\n')) return sorted((a + b).split(/(?=\n)/).filter(Boolean)) ?? a + b;
  return a + b;
}

function isPlainObject(v: NeutralValue): v is { [key: string]: NeutralValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRawCode(v);
}

/**
 * Several rules may add the same new field to the same object in one pass (thinking-budget adds
 * `output_config.effort`, output-format adds `output_config.format`): merge them into the first
 * intent so the object is created once. Returns, per input intent, the merged intent or null when it
 * was folded into an earlier one.
 */
export function mergeAddFields(intents: EditIntent[]): (EditIntent | null)[] {
  const firstByKey = new Map<string, number>();
  const out: (EditIntent | null)[] = intents.map((i) => ({ ...i }) as EditIntent);
  intents.forEach((intent, idx) => {
    if (intent.kind !== 'add-field') return;
    const key = `${intent.container.range.start}:${intent.container.range.end}:${intent.key}`;
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, idx);
      return;
    }
    const target = out[first] as Extract<EditIntent, { kind: 'add-field' }>;
    if (isPlainObject(target.to) && isPlainObject(intent.to)) {
      out[first] = { ...target, to: { ...target.to, ...intent.to } };
      out[idx] = null;
    }
  });
  return out;
}

/**
 * Maps offsets in the text produced by `edits` (non-overlapping, as applied) back to the text they were
 * applied to: an offset inside an edit's new text maps to that edit's start. Built once per batch, each
 * lookup a binary search: a file with a thousand edits maps thousands of finding ranges.
 */
export function backMapper(edits: readonly TextEdit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const newStart: number[] = [];
  const newEnd: number[] = [];
  const deltaAfter: number[] = [];
  let delta = 0;
  for (const e of sorted) {
    newStart.push(e.start + delta);
    newEnd.push(e.start + delta + e.text.length);
    delta += e.text.length - (e.end - e.start);
    deltaAfter.push(delta);
  }
  return (offset) => {
    // The last edit starting (in the new text) at or before the offset.
    let lo = 0;
    let hi = sorted.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (newStart[mid] <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k === -1) return offset;
    if (offset < newEnd[k]) return sorted[k].start;
    return offset - deltaAfter[k];
  };
}

/** Map one offset back through `edits` (see backMapper). */
export function mapBack(offset: number, edits: readonly TextEdit[]): number {
  return backMapper(edits)(offset);
}

/** 1-based line and column of an offset. */
export function lineCol(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

let lastText: string | undefined;
let lastStarts: number[] = [];

/** Offsets where each line starts. The last answer is kept: planning asks again for every finding of a file. */
export function lineStartsOf(text: string): number[] {
  if (text === lastText) return lastStarts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  lastText = text;
  lastStarts = starts;
  return starts;
}
