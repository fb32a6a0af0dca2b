// Shell words as the command sees them: quotes removed, escapes resolved, expansions kept as
// (dynamic) text, with a TextHost mapping every decoded character back to the script. A single-quoted
// body maps one to one; a double-quoted one goes through escapes and is never edited.
import type { Node } from 'web-tree-sitter';
import { TextHost, type InsertPolicy, type Piece } from '../config/host.js';

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

class Builder {
  text = '';
  pieces: Piece[] = [];
  constructor(private readonly segments: { next: number }) {}

  newSegment(): number {
    return this.segments.next++;
  }

  /** Source text copied as is. */
  same(source: string, sStart: number, segment: number, policy: InsertPolicy, dynamic = false): void {
    if (!source) return;
    const dStart = this.text.length;
    const last = this.pieces[this.pieces.length - 1];
    // Merge with the previous piece when it continues it exactly (keeps piece counts low).
    if (last && last.identity && !last.dynamic && !dynamic && last.segment === segment && last.policy === policy && last.sEnd === sStart && last.dEnd === dStart) {
      last.dEnd += source.length;
      last.sEnd += source.length;
    } else {
      this.pieces.push({ dStart, dEnd: dStart + source.length, sStart, sEnd: sStart + source.length, identity: true, dynamic: dynamic || undefined, segment, policy });
    }
    this.text += source;
  }

  /** An escape: `decoded` stands for source [sStart, sEnd). */
  escaped(decoded: string, sStart: number, sEnd: number, segment: number): void {
    const dStart = this.text.length;
    this.pieces.push({ dStart, dEnd: dStart + decoded.length, sStart, sEnd, identity: false, segment, policy: 'none' });
    this.text += decoded;
  }

  /**
   * Literal text with backslash escapes: `escapable` lists the characters a backslash escapes here
   * (double quotes: $ ` " \ newline; unquoted heredocs: $ ` \ newline; bare words: anything).
   */
  literal(source: string, sStart: number, segment: number, policy: InsertPolicy, escapable: RegExp): void {
    let run = 0;
    for (let i = 0; i < source.length; i++) {
      if (source[i] !== '\\' || i + 1 >= source.length || !escapable.test(source[i + 1])) continue;
      this.same(source.slice(run, i), sStart + run, segment, policy);
      const next = source[i + 1];
      this.escaped(next === '\n' ? '' : next, sStart + i, sStart + i + 2, segment);
      i++;
      run = i + 1;
    }
    this.same(source.slice(run), sStart + run, segment, policy);
  }

  host(): TextHost {
    return new TextHost(this.text, this.pieces);
  }
}

const DQ_ESCAPABLE = /[$`"\\\n]/;
const HEREDOC_ESCAPABLE = /[$`\\\n]/;
const BARE_ESCAPABLE = /[\s\S]/;

/** Children of `node` between `start` and `end`, with the gaps between them as literal text. */
function decodeMixed(b: Builder, node: Node, text: string, start: number, end: number, segment: number, policy: InsertPolicy, escapable: RegExp): void {
  let pos = start;
  for (const child of node.namedChildren) {
    if (!child || child.endIndex <= start || child.startIndex >= end) continue;
    if (child.startIndex > pos) b.literal(text.slice(pos, child.startIndex), pos, segment, policy, escapable);
    if (EXPANSIONS.has(child.type)) b.same(text.slice(child.startIndex, child.endIndex), child.startIndex, segment, policy, true);
    else b.literal(text.slice(child.startIndex, child.endIndex), child.startIndex, segment, policy, escapable);
    pos = Math.max(pos, child.endIndex);
  }
  if (pos < end) b.literal(text.slice(pos, end), pos, segment, policy, escapable);
}

function decodeInto(b: Builder, node: Node, text: string): void {
  switch (node.type) {
    case 'raw_string': {
      const seg = b.newSegment();
      b.same(text.slice(node.startIndex + 1, node.endIndex - 1), node.startIndex + 1, seg, 'single-quoted');
      return;
    }
    case 'string':
      decodeMixed(b, node, text, node.startIndex + 1, node.endIndex - 1, b.newSegment(), 'none', DQ_ESCAPABLE);
      return;
    case 'concatenation':
      for (const child of node.children) if (child) decodeInto(b, child, text);
      return;
    case 'ansi_c_string': {
      const seg = b.newSegment();
      const raw = text.slice(node.startIndex + 2, node.endIndex - 1);
      if (raw.includes('\\')) b.escaped(decodeAnsiC(raw), node.startIndex + 2, node.endIndex - 1, seg);
      else b.same(raw, node.startIndex + 2, seg, 'none');
      return;
    }
    default:
      if (EXPANSIONS.has(node.type)) b.same(text.slice(node.startIndex, node.endIndex), node.startIndex, b.newSegment(), 'none', true);
      else b.literal(text.slice(node.startIndex, node.endIndex), node.startIndex, b.newSegment(), 'none', BARE_ESCAPABLE);
  }
}

function decodeAnsiC(raw: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return simple[e] ?? `\\${e}`;
  });
}

export class WordDecoder {
  private readonly segments = { next: 0 };
  constructor(private readonly text: string) {}

  /** A shell word (argument) as the command receives it. */
  word(node: Node): TextHost {
    const b = new Builder(this.segments);
    decodeInto(b, node, this.text);
    return b.host();
  }

  /** A heredoc body: verbatim when its delimiter is quoted, else with expansions and escapes. */
  heredoc(body: Node, quoted: boolean): TextHost {
    const b = new Builder(this.segments);
    const seg = b.newSegment();
    if (quoted) b.same(this.text.slice(body.startIndex, body.endIndex), body.startIndex, seg, 'any');
    else decodeMixed(b, body, this.text, body.startIndex, body.endIndex, seg, 'heredoc', HEREDOC_ESCAPABLE);
    return b.host();
  }
}

/** Whether a word is statically known (no expansion anywhere). */
export function isStatic(host: TextHost): boolean {
  return !host.pieces.some((p) => p.dynamic);
}
