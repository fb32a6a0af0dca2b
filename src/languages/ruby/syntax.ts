// Ruby literals on tree-sitter-ruby: string / symbol contents and their decoded values, and the
// writing of neutral values as Ruby source (hash key style and quotes follow the surrounding code).
import type { Node } from 'web-tree-sitter';
import { isRawCode, type NeutralValue, type Range } from '../types.js';
import { decodeEscapes, dedentContinuation } from '../tree-sitter/common.js';

export interface RubyString {
  value: string;
  contentRange: Range;
  /** Holds `#{…}`: not a literal. */
  interpolated: boolean;
  quote: '"' | "'" | 'other';
}

/** `"…"`, `'…'`, `%q(…)`, `:"…"`, `%w[]` words, heredoc bodies. */
export function rubyString(n: Node, text: string): RubyString | undefined {
  if (n.type === 'string' || n.type === 'delimited_symbol') {
    const open = n.firstChild;
    const close = n.lastChild;
    if (!open || !close || open.id === close.id) return undefined;
    const contentRange = { start: open.endIndex, end: close.startIndex };
    const openText = open.text;
    const single = openText === "'" || /^%q/.test(openText) || openText === ":'";
    const interpolated = n.namedChildren.some((c) => c.type === 'interpolation');
    const raw = text.slice(contentRange.start, contentRange.end);
    const value = single ? raw.replace(/\\([\\'])/g, '$1') : decodeEscapes(raw);
    const quote = openText.endsWith('"') ? '"' : openText.endsWith("'") ? "'" : 'other';
    return { value, contentRange, interpolated, quote };
  }
  if (n.type === 'bare_string' || n.type === 'bare_symbol') {
    return { value: n.text, contentRange: { start: n.startIndex, end: n.endIndex }, interpolated: n.namedChildren.some((c) => c.type === 'interpolation'), quote: 'other' };
  }
  if (n.type === 'heredoc_body') {
    const content = n.namedChildren.filter((c) => c.type === 'heredoc_content');
    if (!content.length) return undefined;
    const contentRange = { start: content[0].startIndex, end: content.at(-1)!.endIndex };
    return { value: text.slice(contentRange.start, contentRange.end), contentRange, interpolated: n.namedChildren.some((c) => c.type === 'interpolation'), quote: 'other' };
  }
  if (n.type === 'simple_symbol') {
    return { value: n.text.slice(1), contentRange: { start: n.startIndex + 1, end: n.endIndex }, interpolated: false, quote: 'other' };
  }
  return undefined;
}

/** The key of a hash pair as the API spells it: `model:`, `"model" =>`, `:model =>`; `system_` → `system`. */
export function rubyKey(key: Node, text: string): string | undefined {
  let k: string | undefined;
  if (key.type === 'hash_key_symbol' || key.type === 'identifier' || key.type === 'constant') k = key.text;
  else {
    const s = rubyString(key, text);
    if (s && !s.interpolated) k = s.value;
  }
  // The SDK renames params that shadow Kernel methods with a trailing underscore (`system_:`, `display_:`).
  return k?.replace(/_$/, '');
}

export type RubyKeyStyle = 'symbol' | 'rocket' | 'string';

export interface RubyStyle {
  keys: RubyKeyStyle;
  quote: '"' | "'";
  /** `{ a: 1 }` rather than `{a: 1}`. */
  braceSpace: boolean;
}

export function rubyStringLiteral(v: string, q: '"' | "'"): string {
  if (q === "'" && !/[\n\r\t]/.test(v)) return `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `"${v.replace(/[\\"\n\r\t#]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '#': '\\#' })[c] ?? c)}"`;
}

const SYMBOL_KEY = /^[A-Za-z_][A-Za-z0-9_]*[?!]?$/;

export function rubyHashKey(key: string, style: RubyStyle): string {
  if (style.keys === 'symbol' && SYMBOL_KEY.test(key)) return `${key}:`;
  if (style.keys === 'rocket' && SYMBOL_KEY.test(key)) return `:${key} =>`;
  if (style.keys === 'symbol') return `${rubyStringLiteral(key, style.quote)}:`;
  return `${rubyStringLiteral(key, style.quote)} =>`;
}

/** A neutral value as a Ruby expression (inline). */
export function rubyValue(v: NeutralValue, style: RubyStyle): string {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'nil';
  if (typeof v === 'string') return rubyStringLiteral(v, style.quote);
  if (Array.isArray(v)) {
    const items = v.map((x) => rubyValue(x, style));
    return items.some((i) => i.includes('\n')) ? multiline('[', items, ']') : `[${items.join(', ')}]`;
  }
  // Source carried over keeps its shape; continuation lines become relative to its first line.
  if (isRawCode(v)) return dedentContinuation(v.$code);
  const entries = Object.entries(v).map(([k, x]) => `${rubyHashKey(k, style)} ${rubyValue(x, style)}`);
  if (!entries.length) return '{}';
  // A multi-line value (moved source) opens the hash onto lines of its own, as people write it.
  if (entries.some((e) => e.includes('\n'))) return multiline('{', entries, '}');
  return style.braceSpace ? `{ ${entries.join(', ')} }` : `{${entries.join(', ')}}`;
}

/** `open`, one entry per line (indented one step, relative to the first line), `close`. */
function multiline(open: string, entries: string[], close: string): string {
  return `${open}\n${entries.map((e) => `  ${e.replace(/\n/g, '\n  ')}`).join(',\n')}\n${close}`;
}

export function parseRubyNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Trailing commas are legal in Ruby literals but a matter of house style: a literal whose last entry
 * has none keeps none when its last entry is removed (the previous entry's comma goes too).
 */
export function usesTrailingComma(text: string, items: Range[], innerEnd: number): boolean {
  const last = items.at(-1);
  return !last || /^\s*,/.test(text.slice(last.end, innerEnd));
}
