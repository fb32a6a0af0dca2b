// PHP literals on tree-sitter-php: string contents and decoded values, class-name resolution through
// `use` clauses, and the writing of neutral values as PHP (`['key' => value]`, quotes of the file).
import type { Node } from 'web-tree-sitter';
import { isRawCode, type NeutralValue, type Range } from '../types.js';
import { decodeEscapes, dedentContinuation, snakeCase } from '../tree-sitter/common.js';

export interface PhpString {
  value: string;
  contentRange: Range;
  interpolated: boolean;
  quote: '"' | "'" | 'other';
}

export function phpString(n: Node, text: string): PhpString | undefined {
  if (n.type === 'string' || n.type === 'encapsed_string') {
    const open = n.firstChild;
    const close = n.lastChild;
    if (!open || !close || open.id === close.id) return undefined;
    const contentRange = { start: open.endIndex, end: close.startIndex };
    const raw = text.slice(contentRange.start, contentRange.end);
    const single = open.text.endsWith("'");
    const interpolated = n.namedChildren.some((c) => !/^(string_content|string_value|escape_sequence)$/.test(c.type));
    return { value: single ? raw.replace(/\\([\\'])/g, '$1') : decodeEscapes(raw.replace(/\\\$/g, '$')), contentRange, interpolated, quote: single ? "'" : '"' };
  }
  if (n.type === 'heredoc' || n.type === 'nowdoc') {
    const body = n.childForFieldName('value') ?? n.namedChildren.find((c) => /_body$/.test(c.type));
    if (!body) return undefined;
    const interpolated = body.namedChildren.some((c) => !/^(string_content|string_value|escape_sequence|nowdoc_string)$/.test(c.type));
    return { value: body.text, contentRange: { start: body.startIndex, end: body.endIndex }, interpolated, quote: 'other' };
  }
  return undefined;
}

/** Array keys and named arguments: `maxTokens` / `max_tokens` / `budgetTokens` → the API's snake_case; other keys (headers) as written. */
export function canonicalKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? snakeCase(key) : key;
}

export interface PhpImports {
  /** alias → fully qualified name (no leading backslash). */
  uses: Map<string, string>;
  namespace: string;
  importsSdk: boolean;
}

/** `Client` / `Bedrock\Client` / `\Anthropic\Client` → `Anthropic\Client` through the file's `use` clauses. */
export function resolveClassName(name: string, imports: PhpImports): string {
  if (name.startsWith('\\')) return name.slice(1);
  const [first, ...rest] = name.split('\\');
  const used = imports.uses.get(first.toLowerCase());
  if (used) return [used, ...rest].join('\\');
  return imports.namespace ? `${imports.namespace}\\${name}` : name;
}

export function readImports(root: Node): PhpImports {
  const out: PhpImports = { uses: new Map(), namespace: '', importsSdk: false };
  const visit = (n: Node) => {
    for (const c of n.namedChildren) {
      if (c.type === 'namespace_definition') {
        out.namespace = c.childForFieldName('name')?.text ?? '';
        const body = c.childForFieldName('body');
        if (body) visit(body);
      } else if (c.type === 'namespace_use_declaration') {
        const group = c.namedChildren.find((x) => x.type === 'namespace_name');
        for (const clause of c.descendantsOfType('namespace_use_clause')) {
          if (!clause) continue;
          const nameNode = clause.namedChildren.find((x) => x.type === 'qualified_name' || x.type === 'name');
          if (!nameNode) continue;
          const full = ((group ? `${group.text}\\` : '') + nameNode.text).replace(/^\\/, '');
          const alias = clause.childForFieldName('alias')?.text ?? full.split('\\').pop()!;
          out.uses.set(alias.toLowerCase(), full);
          if (/^Anthropic\\/.test(full)) out.importsSdk = true;
        }
      }
    }
  };
  visit(root);
  return out;
}

export function phpStringLiteral(v: string, q: '"' | "'"): string {
  if (q === "'" && !/[\n\r\t]/.test(v)) return `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `"${v.replace(/[\\"\n\r\t$]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', $: '\\$' })[c] ?? c)}"`;
}

export interface PhpStyle {
  quote: '"' | "'";
  /** Array keys of the container are camelCase (`'budgetTokens'`), as the SDK's array shapes spell them. */
  camelKeys: boolean;
}

export function phpArrayKey(key: string, style: PhpStyle): string {
  const k = style.camelKeys && /^[a-z][a-z0-9_]*$/.test(key) ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key;
  return phpStringLiteral(k, style.quote);
}

/** A neutral value as a PHP expression (inline). */
export function phpValue(v: NeutralValue, style: PhpStyle): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return phpStringLiteral(v, style.quote);
  if (Array.isArray(v)) {
    const items = v.map((x) => phpValue(x, style));
    return items.some((i) => i.includes('\n')) ? multiline(items) : `[${items.join(', ')}]`;
  }
  // Source carried over keeps its shape; continuation lines become relative to its first line.
  if (isRawCode(v)) return dedentContinuation(v.$code);
  const entries = Object.entries(v);
  // An empty JSON object must stay an object on the wire (`[]` would be sent as a list).
  if (!entries.length) return 'new \\stdClass()';
  const items = entries.map(([k, x]) => `${phpArrayKey(k, style)} => ${phpValue(x, style)}`);
  // A multi-line value (moved source) opens the array onto lines of its own, as people write it.
  return items.some((i) => i.includes('\n')) ? multiline(items) : `[${items.join(', ')}]`;
}

/** `[`, one entry per line with a trailing comma (indented one step, relative to the first line), `]`. */
function multiline(items: string[]): string {
  return `[\n${items.map((i) => `    ${i.replace(/\n/g, '\n    ')},`).join('\n')}\n]`;
}

/**
 * Trailing commas are legal in PHP arrays and argument lists (8.0+) but a matter of house style: a
 * list whose last entry has none keeps none when its last entry is removed.
 */
export function usesTrailingComma(text: string, items: Range[], innerEnd: number): boolean {
  const last = items.at(-1);
  return !last || /^\s*,/.test(text.slice(last.end, innerEnd));
}

export function parsePhpNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[oO]?[0-7]+$/.test(t) && t.length > 1) return parseInt(t.replace(/^0[oO]?/, ''), 8);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
