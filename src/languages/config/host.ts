// A text embedded in a host file, with the mapping between the two: a JSON body inside a shell
// string or heredoc is parsed from its *decoded* text (quotes stripped, escapes resolved), but every
// range the view reports and every edit it renders must be in the host file. A JSON/YAML file is the
// trivial case (identity mapping). Each piece of the decoded text records where it came from and
// what may be written there without breaking the host's quoting.
import type { Range, TextEdit } from '../types.js';

/**
 * What an inserted text may contain in a piece: `any` (a JSON file, a quoted-delimiter heredoc),
 * `single-quoted` (a shell '…' string: no `'`), `heredoc` (an expanding heredoc: no `$`, backquote or
 * backslash), `none` (double-quoted shell strings and escapes: never edited).
 */
export type InsertPolicy = 'any' | 'single-quoted' | 'heredoc' | 'none';

export interface Piece {
  /** Range in the decoded text. */
  dStart: number;
  dEnd: number;
  /** Range in the host text. */
  sStart: number;
  sEnd: number;
  /** The decoded text equals the host text over this piece (offsets map one to one). */
  identity: boolean;
  /** Came from a shell expansion (`$VAR`, `$(…)`): its value is not known statically. */
  dynamic?: boolean;
  /** Pieces of one quoting context (one '…' string, one heredoc body) share a segment. */
  segment: number;
  policy: InsertPolicy;
}

export class TextHost {
  constructor(
    readonly text: string,
    readonly pieces: Piece[],
  ) {}

  static identity(text: string, base = 0, policy: InsertPolicy = 'any'): TextHost {
    return new TextHost(text, [{ dStart: 0, dEnd: text.length, sStart: base, sEnd: base + text.length, identity: true, segment: 0, policy }]);
  }

  private pieceAt(d: number): Piece | undefined {
    // Pieces are few (one per quoted run / escape), so a linear scan is fine.
    for (const p of this.pieces) if (d >= p.dStart && d < p.dEnd) return p;
    return undefined;
  }

  /** Host offset of decoded offset `d` (as a range start). */
  toSource(d: number): number {
    const p = this.pieceAt(d);
    if (p) return p.identity ? p.sStart + (d - p.dStart) : p.sStart;
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.sEnd : 0;
  }

  /** Host offset of decoded offset `d` used as an exclusive range end. */
  toSourceEnd(d: number): number {
    if (d <= 0) return this.toSource(0);
    const p = this.pieceAt(d - 1);
    if (!p) return this.toSource(d);
    return p.identity ? p.sStart + (d - p.dStart) : p.sEnd;
  }

  range(r: Range): Range {
    return r.end <= r.start ? { start: this.toSource(r.start), end: this.toSource(r.start) } : { start: this.toSource(r.start), end: this.toSourceEnd(r.end) };
  }

  /** Decoded offset of host offset `s`, or undefined when `s` is outside the embedded text. */
  fromSource(s: number): number | undefined {
    for (const p of this.pieces) {
      if (s >= p.sStart && s < p.sEnd) return p.identity ? p.dStart + (s - p.sStart) : p.dStart;
    }
    const last = this.pieces[this.pieces.length - 1];
    if (last && s === last.sEnd) return last.dEnd;
    return undefined;
  }

  /** Whether the host range `s` lies inside this embedded text. */
  owns(s: Range): boolean {
    const first = this.pieces[0];
    const last = this.pieces[this.pieces.length - 1];
    return !!first && !!last && s.start >= first.sStart && s.end <= last.sEnd;
  }

  /** Whether any of the decoded range comes from a shell expansion. */
  isDynamic(r: Range): boolean {
    return this.pieces.some((p) => p.dynamic && p.dStart < r.end && r.start < p.dEnd);
  }

  /**
   * The host edit for a decoded edit, or a reason it cannot be written: it must stay inside one
   * quoting context, over text that maps one to one, and the new text must be writable there.
   */
  edit(e: TextEdit): TextEdit | { refused: string } {
    let covered: Piece[];
    if (e.end > e.start) covered = this.pieces.filter((p) => p.dStart < e.end && e.start < p.dEnd);
    else {
      const inside = this.pieces.find((p) => e.start >= p.dStart && e.start < p.dEnd) ?? this.pieces.find((p) => p.dEnd === e.start);
      covered = inside ? [inside] : [];
    }
    if (covered.length === 0) return { refused: 'the edit is outside the embedded text' };
    const seg = covered[0].segment;
    for (let i = 0; i < covered.length; i++) {
      const p = covered[i];
      if (p.policy === 'none') return { refused: 'the body is a double-quoted shell string with escapes: edit it by hand' };
      if (!p.identity || p.segment !== seg) return { refused: 'the edit would cross a shell quoting boundary' };
      if (i > 0 && covered[i - 1].sEnd !== p.sStart) return { refused: 'the edit would cross a shell quoting boundary' };
    }
    const policy = covered[0].policy;
    if (policy === 'single-quoted' && e.text.includes("'")) return { refused: "the new text contains ' inside a single-quoted shell string" };
    if (policy === 'heredoc' && /[$`\\]/.test(e.text)) return { refused: 'the new text contains $, ` or \\ inside an expanding heredoc' };
    const first = covered[0];
    const last = covered[covered.length - 1];
    const start = first.sStart + Math.max(0, e.start - first.dStart);
    const end = e.end > e.start ? last.sStart + (e.end - last.dStart) : start;
    return { start, end, text: e.text };
  }
}

/** The part of a host's text from decoded offset `from` on (e.g. the value of `-H"name: value"`). */
export function sliceHost(host: TextHost, from: number, to = host.text.length): TextHost {
  const pieces: Piece[] = [];
  for (const p of host.pieces) {
    if (p.dEnd <= from || p.dStart >= to) continue;
    const a = Math.max(p.dStart, from);
    const b = Math.min(p.dEnd, to);
    const sStart = p.identity ? p.sStart + (a - p.dStart) : p.sStart;
    const sEnd = p.identity ? p.sStart + (b - p.dStart) : p.sEnd;
    pieces.push({ ...p, dStart: a - from, dEnd: b - from, sStart, sEnd });
  }
  return new TextHost(host.text.slice(from, to), pieces);
}
