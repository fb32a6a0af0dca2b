// Helpers shared by the tree-sitter adapters (Go, Java, and any other grammar): node ranges, tree
// walks, syntax-error counting, C-style string escapes and identifier case conversion. Nothing here
// knows a particular grammar or SDK.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../types.js';

export function rangeOf(node: Node): Range {
  return { start: node.startIndex, end: node.endIndex };
}

export function contains(r: Range, offset: number): boolean {
  return offset >= r.start && offset < r.end;
}

export function rangeKey(r: Range): string {
  return `${r.start}:${r.end}`;
}

/** Pre-order walk of every node (named and anonymous) under `root`; return false to skip a subtree. */
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      if (visit(cursor.currentNode) !== false && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** ERROR nodes plus MISSING (inserted) tokens: 0 means the text parsed cleanly. */
export function countSyntaxErrors(root: Node): number {
  if (!root.hasError) return 0;
  let n = 0;
  walk(root, (node) => {
    if (node.isError || node.type === 'ERROR') n++;
    else if (node.isMissing) n++;
    return node.hasError || node.isMissing;
  });
  return n;
}

/** The ancestors of `node`, innermost first (the node itself excluded). */
export function* ancestors(node: Node): Generator<Node> {
  let p = node.parent;
  while (p) {
    yield p;
    p = p.parent;
  }
}

/** The smallest node covering `offset` (named or not). */
export function nodeAt(root: Node, offset: number): Node | null {
  return root.descendantForIndex(offset, offset);
}

/** Innermost node holding `offset` (the node at the offset or one of its ancestors) that matches. */
export function innermost(root: Node, offset: number, match: (n: Node) => boolean): Node | undefined {
  const at = nodeAt(root, offset);
  if (!at) return undefined;
  if (match(at)) return at;
  for (const a of ancestors(at)) if (match(a)) return a;
  return undefined;
}

/**
 * Decode C-family escapes (`\n`, `\t`, `\"`, `\\`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`, octal `\NNN`).
 * Unknown escapes keep the escaped character. Good enough for Go, Java, C# and PHP double quotes.
 */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', s: ' ' };
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[++i];
    const hex = (len: number) => {
      const h = raw.slice(i + 1, i + 1 + len);
      if (h.length === len && /^[0-9a-fA-F]+$/.test(h)) {
        out += String.fromCodePoint(parseInt(h, 16));
        i += len;
      } else out += n;
    };
    if (n === 'x') hex(2);
    else if (n === 'u') {
      while (raw[i + 1] === 'u') i++; // Java allows \uuuu0041
      hex(4);
    } else if (n === 'U') hex(8);
    else if (/[0-7]/.test(n) && /^[0-7]{2}/.test(raw.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(raw.slice(i, i + 3), 8));
      i += 2;
    } else out += simple[n] ?? n;
  }
  return out;
}

/** Escape a value for a double-quoted C-family string literal (Go, Java, C#). */
export function escapeDoubleQuoted(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
}

/**
 * Split an identifier into words: `MaxTokens` → [Max, Tokens], `MCPServers` → [MCP, Servers],
 * `budgetTokens` → [budget, Tokens], `Opus4_6` → [Opus, 4, 6], `Output128k` → [Output, 128k],
 * `TOP_P` → [TOP, P].
 */
export function identifierWords(name: string): string[] {
  return name
    .split(/_+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+[a-z]?(?![a-z])|\d+|[a-z]+/g) ?? [])
    .filter(Boolean);
}

/** `BudgetTokens` / `budgetTokens` / `MCPServers` / `TOP_P` → `budget_tokens` / `mcp_servers` / `top_p`. */
export function snakeCase(name: string): string {
  return identifierWords(name).map((w) => w.toLowerCase()).join('_');
}

/** `budget_tokens` → `BudgetTokens` (Go / C# field names). */
export function pascalCase(snake: string): string {
  return snake.split('_').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** `budget_tokens` → `budgetTokens` (Java builder methods, PHP named arguments). */
export function camelCase(snake: string): string {
  const p = pascalCase(snake);
  return p ? p[0].toLowerCase() + p.slice(1) : p;
}

/** Parse a numeric literal of a C-family language (`1_024`, `0x10`, `1024L`, `0.7f`, `1e3`). */
export function parseNumber(text: string): number | undefined {
  let t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+[lL]?$/.test(t)) return parseInt(t.replace(/[lL]$/, ''), 16);
  t = t.replace(/[lLfFdDmMuU]+$/, '');
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[oO]?[0-7]+$/.test(t) && t.length > 1) return parseInt(t.replace(/^0[oO]?/, ''), 8);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Rename an identifier that spells a model ID (`CLAUDE_OPUS_4_6`, `ModelClaudeOpus4_6`, `Opus46`)
 * for another ID, keeping its casing and separators: used when a registry entry is duplicated for a
 * new model and the language needs a distinct name. Undefined when the identifier does not spell
 * (a tail of) `from`.
 */
export function renameIdentifierForModel(identifier: string, from: string, to: string): string | undefined {
  const fromWords = from.toLowerCase().replace(/^anthropic\./, '').split(/[-_.:@]+/).filter(Boolean);
  const toWords = to.toLowerCase().replace(/^anthropic\./, '').split(/[-_.:@]+/).filter(Boolean);
  let common = 0;
  while (common < fromWords.length && common < toWords.length && fromWords[common] === toWords[common]) common++;
  if (common === fromWords.length && common === toWords.length) return undefined;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let j = 0; j <= common && j < fromWords.length; j++) {
    const tail = fromWords.slice(j);
    // Words may be glued (`Opus46`) or separated by `_`.
    const re = new RegExp(tail.map((w) => `(${esc(w)})`).join('(_?)'), 'i');
    const m = re.exec(identifier);
    if (!m) continue;
    const words = tail.map((_, i) => m[1 + i * 2]);
    const seps = tail.slice(1).map((_, i) => m[2 + i * 2]);
    const keep = common - j; // matched words that stay the same
    const changedCase = words[keep] ?? words[words.length - 1];
    const styled = (w: string) => {
      const sample = /[a-z]/i.test(changedCase) ? changedCase : words.find((x) => /[a-z]/i.test(x)) ?? '';
      if (sample && sample === sample.toUpperCase()) return w.toUpperCase();
      if (sample && sample[0] === sample[0].toUpperCase()) return w[0].toUpperCase() + w.slice(1);
      return w;
    };
    const lastSep = seps[seps.length - 1] ?? '';
    let out = '';
    for (let i = 0; i < keep; i++) out += words[i] + seps[i];
    const fresh = toWords.slice(common);
    fresh.forEach((w, i) => {
      const prev = i === 0 ? (keep > 0 ? words[keep - 1] : '') : fresh[i - 1];
      // Between two digit groups a separator is needed (4_8, not 48) when the source used one.
      const sep = i === 0 ? '' : /\d$/.test(prev) && /^\d/.test(w) ? (lastSep || '_') : lastSep;
      out += sep + styled(w);
    });
    if (keep > 0 && fresh.length === 0) out = out.slice(0, out.length - (seps[keep - 1]?.length ?? 0));
    const renamed = identifier.slice(0, m.index) + out + identifier.slice(m.index + m[0].length);
    return renamed === identifier ? undefined : renamed;
  }
  return undefined;
}

/**
 * Source text carried to another place (`{ $code }`): strip the indentation its continuation lines
 * had at their old depth, so the inserting helper can re-base them at the new one.
 */
export function dedentContinuation(code: string): string {
  const lines = code.split('\n');
  if (lines.length < 2) return code;
  const rest = lines.slice(1).filter((l) => l.trim());
  const common = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length));
  if (!Number.isFinite(common) || common === 0) return code;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length)))].join('\n');
}
