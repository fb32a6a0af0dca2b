// Python string literals: prefix, quotes, content range, decoded value, and rendering a value back
// as a literal in a given quote style.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../types.js';

export interface PyStringInfo {
  /** Between the opening and closing quotes. */
  contentRange: Range;
  /** Decoded value (f-strings: the source between the quotes, interpolations included). */
  value: string;
  prefix: string;
  quote: string;
  formatted: boolean;
  bytes: boolean;
}

/** `string` node → its parts; undefined for anything else. */
export function pyString(node: Node, text: string): PyStringInfo | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.children.find((c) => c.type === 'string_start');
  const end = node.children.find((c) => c.type === 'string_end');
  if (!start || !end) return undefined;
  const open = start.text;
  const m = /^([a-zA-Z]*)(.*)$/s.exec(open)!;
  const prefix = m[1].toLowerCase();
  const contentRange = { start: start.endIndex, end: Math.max(start.endIndex, end.startIndex) };
  const raw = text.slice(contentRange.start, contentRange.end);
  const formatted = prefix.includes('f') || prefix.includes('t');
  const value = prefix.includes('r') || formatted ? raw : decodePyEscapes(raw);
  return { contentRange, value, prefix, quote: m[2], formatted, bytes: prefix.includes('b') };
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', "'": "'", '"': '"' };

/** Python (non-raw) escapes; unknown escapes keep their backslash, as Python does. */
export function decodePyEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[i + 1];
    if (n === '\n') { i += 1; continue; }
    if (n === '\r') { i += raw[i + 2] === '\n' ? 2 : 1; continue; }
    if (SIMPLE[n] !== undefined) { out += SIMPLE[n]; i += 1; continue; }
    const hexLen = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (hexLen) {
      const h = raw.slice(i + 2, i + 2 + hexLen);
      if (h.length === hexLen && /^[0-9a-fA-F]+$/.test(h)) {
        out += String.fromCodePoint(parseInt(h, 16));
        i += 1 + hexLen;
        continue;
      }
    }
    const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1));
    if (oct) {
      out += String.fromCharCode(parseInt(oct[0], 8));
      i += oct[0].length;
      continue;
    }
    out += c; // `\d`, `\N{…}`: kept verbatim
  }
  return out;
}

/** Render `value` as a Python string literal using `quote` (`"` or `'`). */
export function pyStringLiteral(value: string, quote: '"' | "'"): string {
  const escaped = value.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
  return quote + escaped.split(quote).join('\\' + quote) + quote;
}
