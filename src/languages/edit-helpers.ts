// Text-level helpers shared by every adapter's renderer: removing and inserting items of
// separator-delimited lists (arguments, dict entries, struct fields, array elements) while keeping
// the surrounding layout. Adapters supply the ranges from their own syntax trees.
import type { Range, TextEdit } from './types.js';

export function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset of the line break ending the line holding `offset` (or text.length). `\r` of CRLF is excluded. */
export function lineEndOf(text: string, offset: number): number {
  let i = text.indexOf('\n', offset);
  if (i === -1) return text.length;
  if (i > 0 && text[i - 1] === '\r') i--;
  return i;
}

/** Offset just past the line break ending the line holding `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

export function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  const m = /^[ \t]*/.exec(text.slice(start, start + 200));
  return m ? m[0] : '';
}

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** The last text's unit: renderers ask once per edit, and a file's edits come in a row. */
let lastIndent: { text: string; unit: string } | undefined;

/** One indentation step used in the file (2 or 4 spaces, or a tab), guessed from its lines. */
export function indentUnitOf(text: string): string {
  if (lastIndent?.text === text) return lastIndent.unit;
  const unit = guessIndentUnit(text);
  lastIndent = { text, unit };
  return unit;
}

function guessIndentUnit(text: string): string {
  if (/^\t/m.test(text) && !/^ {2}/m.test(text)) return '\t';
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/^( +)\S/gm)) {
    const n = m[1].length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  // 2-space files have many lines at depth 2; 4-space files have (almost) none.
  const at2 = counts.get(2) ?? 0;
  const at4 = counts.get(4) ?? 0;
  if (at2 > 0 && at2 * 3 >= at4) return '  ';
  return '    ';
}

function onlyWhitespace(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

export interface ListShape {
  /** Every item of the list, in order (the item being removed or the anchor included). */
  items: Range[];
  /** Separator between items (`,` for most languages; `` for Java builder chains / YAML). */
  separator: string;
  /** The language accepts a separator after the last item (false for JSON and Java args). */
  trailingSeparatorAllowed: boolean;
  /** Line-comment prefixes of the language (`#`, `//`), so a comment trailing a removed item goes with it. */
  lineComment?: string[];
}

/** Skip spaces/tabs from `i`. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** After an item: the offset past its separator (if any) and past a trailing same-line comment, but before the line break. */
function itemTailEnd(text: string, itemEnd: number, shape: ListShape): { afterSep: number; hasSep: boolean; lineTailEnd: number } {
  let i = skipBlanks(text, itemEnd);
  let hasSep = false;
  if (shape.separator && text.startsWith(shape.separator, i)) {
    hasSep = true;
    i += shape.separator.length;
  }
  const afterSep = i;
  let j = skipBlanks(text, i);
  if (shape.lineComment?.some((c) => text.startsWith(c, j))) j = lineEndOf(text, j);
  return { afterSep, hasSep, lineTailEnd: j };
}

/**
 * Remove `items[index]` with its separator. When the item sits alone on its line(s), the whole line
 * goes (including a comment trailing it on the same line); comments on other lines stay.
 */
export function removeListItem(text: string, shape: ListShape, index: number): TextEdit {
  const item = shape.items[index];
  const prev = index > 0 ? shape.items[index - 1] : undefined;
  const next = index + 1 < shape.items.length ? shape.items[index + 1] : undefined;
  const lineStart = lineStartOf(text, item.start);
  const aloneBefore = onlyWhitespace(text.slice(lineStart, item.start));
  const tail = itemTailEnd(text, item.end, shape);
  const restOfLine = text.slice(tail.lineTailEnd, lineEndOf(text, tail.lineTailEnd));
  const aloneAfter = onlyWhitespace(restOfLine) && (!next || next.start >= tail.lineTailEnd);

  if (aloneBefore && aloneAfter) {
    // Whole-line removal. If this was the last item and the language forbids a trailing separator,
    // the previous item's separator must go too.
    const edits: TextEdit = { start: lineStart, end: nextLineStart(text, tail.lineTailEnd), text: '' };
    if (!next && prev && !shape.trailingSeparatorAllowed && shape.separator) {
      const prevTail = itemTailEnd(text, prev.end, shape);
      if (prevTail.hasSep) {
        // Remove the separator after prev as well: join into one edit spanning prev's separator to our line end.
        const sepStart = prevTail.afterSep - shape.separator.length;
        return { start: sepStart, end: edits.end, text: text.slice(prevTail.afterSep, lineStart) };
      }
    }
    return edits;
  }
  if (next) {
    // Inline, not last: remove "item, " up to the next item (keeping a line break if the next item is on another line).
    const between = text.slice(tail.afterSep, next.start);
    if (between.includes('\n')) {
      // `a, item,\n  next`: drop ", item" after prev (or "item, " at the line's start), keep the line break.
      if (prev) {
        const prevTail = itemTailEnd(text, prev.end, shape);
        const sepStart = prevTail.hasSep ? prevTail.afterSep - shape.separator.length : prev.end;
        return { start: sepStart, end: item.end, text: '' };
      }
      return { start: item.start, end: skipBlanks(text, tail.afterSep), text: '' };
    }
    return { start: item.start, end: next.start, text: '' };
  }
  if (prev) {
    // Inline, last: remove ", item" from the end of prev (keep a trailing separator if there was one).
    const prevTail = itemTailEnd(text, prev.end, shape);
    const sepStart = prevTail.hasSep ? prevTail.afterSep - shape.separator.length : prev.end;
    const end = tail.hasSep ? tail.afterSep : item.end;
    const keepTrailing = tail.hasSep && shape.trailingSeparatorAllowed ? shape.separator : '';
    return { start: sepStart, end, text: keepTrailing };
  }
  // Only item.
  return { start: item.start, end: tail.hasSep ? tail.afterSep : item.end, text: '' };
}

export interface InsertOptions extends ListShape {
  /** The container's inner range: just after the opening bracket to just before the closing one. */
  inner: Range;
  /** Insert after this item index (default: the last item). -1 inserts first. */
  afterIndex?: number;
  /** One indentation step (for an empty multi-line container). */
  indentUnit?: string;
}

/**
 * Insert `newItem` (already rendered; may span lines, written with `\n` and relative indentation
 * that will be re-based) into a list, matching the list's layout: one item per line, or inline.
 */
export function insertListItem(text: string, opts: InsertOptions, newItem: string): TextEdit {
  const eol = eolOf(text);
  const { items } = opts;
  const sep = opts.separator;
  if (items.length === 0) {
    const inner = text.slice(opts.inner.start, opts.inner.end);
    if (inner.includes('\n')) {
      const closeIndent = indentOf(text, opts.inner.end);
      const indent = closeIndent + (opts.indentUnit ?? '    ');
      return { start: opts.inner.start, end: opts.inner.end, text: `${eol}${indent}${reindent(newItem, indent, eol)}${opts.trailingSeparatorAllowed ? sep : ''}${eol}${closeIndent}` };
    }
    return { start: opts.inner.start, end: opts.inner.end, text: newItem.replace(/\n/g, ' ') };
  }
  const afterIndex = opts.afterIndex ?? items.length - 1;
  if (afterIndex < 0) {
    const first = items[0];
    const multiline = text.slice(opts.inner.start, first.start).includes('\n');
    if (multiline) {
      const indent = indentOf(text, first.start);
      return { start: first.start, end: first.start, text: `${reindent(newItem, indent, eol)}${sep}${eol}${indent}` };
    }
    return { start: first.start, end: first.start, text: `${newItem}${sep} ` };
  }
  const anchor = items[afterIndex];
  const isLast = afterIndex === items.length - 1;
  const tail = itemTailEnd(text, anchor.end, opts);
  const multiline = items.length > 1
    ? items.some((r, i) => i > 0 && text.slice(items[i - 1].end, r.start).includes('\n'))
    : text.slice(opts.inner.start, anchor.start).includes('\n');
  if (multiline) {
    const indent = indentOf(text, anchor.start);
    const body = reindent(newItem, indent, eol);
    if (tail.hasSep) {
      // anchor, <comment>\n  → anchor, <comment>\n  new,   (keep the list's trailing-separator habit)
      const trailing = isLast ? (opts.trailingSeparatorAllowed ? sep : '') : sep;
      return { start: tail.lineTailEnd, end: tail.lineTailEnd, text: `${eol}${indent}${body}${trailing}` };
    }
    // No separator after the anchor: add one, then the item (no trailing separator, as before). A
    // comment trailing the anchor stays on the anchor's line.
    const between = text.slice(anchor.end, tail.lineTailEnd);
    return { start: anchor.end, end: tail.lineTailEnd, text: `${sep}${between}${eol}${indent}${body}${isLast ? '' : sep}` };
  }
  // Inline list.
  if (tail.hasSep && isLast) {
    return { start: tail.afterSep, end: tail.afterSep, text: ` ${newItem.replace(/\n\s*/g, ' ')}${sep}` };
  }
  return { start: anchor.end, end: anchor.end, text: `${sep} ${newItem.replace(/\n\s*/g, ' ')}` };
}

/**
 * An entry copied from the text at `start`, its continuation lines made relative to the line the entry starts
 * on (they keep their absolute depth otherwise, and insertListItem would indent them twice). Source inside a
 * multi-line string literal is its text: pass `verbatim` and it is left as it is.
 */
export function copiedEntry(text: string, start: number, copy: string, verbatim = false): string {
  const indent = indentOf(text, start);
  if (verbatim || !indent || !copy.includes('\n')) return copy;
  return copy.split('\n').map((l, i) => (i > 0 && l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
}

/** Re-base a rendered multi-line snippet (written with `\n` and relative indentation) onto `indent`. */
export function reindent(snippet: string, indent: string, eol: string): string {
  const lines = snippet.split('\n');
  return lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join(eol);
}

/** Apply non-overlapping edits (any order) to text. Throws on overlap: callers check conflicts first. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
