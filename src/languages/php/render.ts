// PHP: what surrounds an offset (arrays, `enum` cases, `match` / `switch` labels, comparisons and
// str_contains-style gates, PHPUnit / Pest asserts) and the rendering of edit intents: named
// arguments `camelCase: value` (the SDK's v0.5+ call style), array entries `'key' => value` in the
// array's own quote and key style, `//` comments, `||` gates. Shapes follow the per-SDK table's PHP
// row (`thinking: ['type' => 'adaptive']`, `outputConfig: ['effort' => 'high']`).
import type { Node } from 'web-tree-sitter';
import { eolOf, indentOf, removeListItem } from '../edit-helpers.js';
import type { EditIntent, NeutralValue, Range, RenderResult, RequestView, TextEdit, ValueView } from '../types.js';
import { ancestors, camelCase, nodeAt, rangeKey, rangeOf } from '../tree-sitter/common.js';
import { renderRpc, type Constructs, type ListContainer, type RpcSyntax } from '../tree-sitter/shared-rpc.js';
import { canonicalKey, phpArrayKey, phpString, phpStringLiteral, phpValue, usesTrailingComma, type PhpStyle } from './syntax.js';
import type { PhpAnalysis } from './views.js';

const GATE_FUNCTIONS = /^(str_contains|str_starts_with|str_ends_with|strpos|stripos|str_begins_with|preg_match|fnmatch|strcasecmp|strcmp|in_array|array_key_exists|isset)$/;
const GATE_STATIC = /^(startsWith|endsWith|contains|is|startsWithAny)$/;

function arrayCollection(a: Node, child: Node, text: string, offset: number): NonNullable<Constructs['collection']> {
  const items = a.namedChildren.filter((c) => c.type === 'array_element_initializer' || c.type === 'variadic_unpacking');
  const keyed = child.children.some((c) => c.type === '=>');
  const key = keyed ? child.namedChildren[0] : undefined;
  const open = a.children.find((c) => c.type === '[' || c.type === '(')!;
  return {
    kind: keyed ? 'map' : 'list', range: rangeOf(a), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf),
    inner: { start: open.endIndex, end: a.lastChild!.startIndex }, trailingSeparatorAllowed: usesTrailingComma(text, items.map(rangeOf), a.lastChild!.startIndex),
    ...(key ? { key: rangeOf(key), inKey: offset >= key.startIndex && offset < key.endIndex } : {}),
  };
}

export function phpConstructs(root: Node, text: string, offset: number): Constructs {
  const out: Constructs = {};
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (!out.collection) {
      if (a.type === 'array_creation_expression' && child.type === 'array_element_initializer') {
        out.collection = arrayCollection(a, child, text, offset);
      } else if (a.type === 'enum_declaration_list' && child.type === 'enum_case') {
        const cases = a.namedChildren.filter((c) => c.type === 'enum_case');
        const name = child.childForFieldName('name');
        // Cases end with `;`: a copy goes on the next line.
        out.collection = { kind: 'enum', range: rangeOf(a.parent ?? a), entries: cases.length, entry: rangeOf(child), items: cases.map(rangeOf), inner: { start: a.startIndex + 1, end: a.endIndex - 1 }, separator: `${eolOf(text)}${indentOf(text, child.startIndex)}`, ...(name ? { name: rangeOf(name) } : {}) };
      } else if (a.type === 'match_condition_list') {
        const match = a.parent?.parent?.parent;
        out.collection = { kind: 'switch', range: rangeOf(match ?? a), entries: a.namedChildren.length, entry: rangeOf(child), switchStyle: 'list' };
      } else if (a.type === 'case_statement' && child.id === a.childForFieldName('value')?.id) {
        const colon = a.children.find((c) => c.type === ':' || c.type === ';');
        const sw = a.parent?.parent;
        out.collection = { kind: 'switch', range: rangeOf(sw ?? a), entries: a.parent?.namedChildren.filter((c) => c.type === 'case_statement').length ?? 1, entry: rangeOf(child), switchStyle: 'line', labelRange: { start: a.startIndex, end: colon?.endIndex ?? child.endIndex } };
      }
    }
    // `[['id' => 'claude-…', …], …]`: the keyed array is one record of a list.
    else if (out.collection.kind === 'map' && !out.collection.record && a.type === 'array_creation_expression' && child.type === 'array_element_initializer' && !child.children.some((c) => c.type === '=>') && child.namedChildren[0]?.startIndex === out.collection.range.start) {
      const list = arrayCollection(a, child, text, offset);
      if (list.kind === 'list') out.collection.record = list;
    }
    if (!out.gate) {
      let gate: Node | undefined;
      let negative = false;
      const op = a.type === 'binary_expression' ? a.childForFieldName('operator')?.text ?? '' : '';
      if (/^(===|==|!==|!=|<>)$/.test(op)) {
        gate = a;
        negative = /^(!==|!=|<>)$/.test(op);
        // `strpos($m, 'x') !== false` is a positive test of the strpos call.
        if (negative && /^(false|null)$/i.test(a.childForFieldName('right')?.text ?? '') && a.childForFieldName('left')?.type === 'function_call_expression') negative = false;
      } else if (a.type === 'function_call_expression' && GATE_FUNCTIONS.test(a.childForFieldName('function')?.text ?? '')) {
        // The comparison around strpos() is the gate when there is one.
        const p = a.parent;
        gate = p?.type === 'binary_expression' && /^(!==|===|!=|==)$/.test(p.childForFieldName('operator')?.text ?? '') ? undefined : a;
      } else if (a.type === 'scoped_call_expression' && GATE_STATIC.test(a.childForFieldName('name')?.text ?? '')) gate = a;
      else if (a.type === 'member_call_expression' && GATE_STATIC.test(a.childForFieldName('name')?.text ?? '')) gate = a;
      if (gate) {
        const parent = gate.parent;
        const parentOp = parent?.type === 'binary_expression' ? parent.childForFieldName('operator')?.text : undefined;
        const joinOp = negative ? '&&' : '||';
        const needParens = (parentOp !== undefined && !['||', 'or', 'and', 'xor', '??', joinOp].includes(parentOp)) || parent?.type === 'unary_op_expression';
        out.gate = { range: rangeOf(gate), negative, needParens };
      }
    }
    if (!out.assert && /^(member_call_expression|scoped_call_expression|function_call_expression)$/.test(a.type)) {
      const name = a.type === 'function_call_expression' ? a.childForFieldName('function')?.text ?? '' : a.childForFieldName('name')?.text ?? '';
      // Pest chains the check onto the subject: `expect($x)->toBe('…')` (the ID is an argument of toBe).
      const pestChain = a.type === 'member_call_expression' && /^expect\s*\(/.test(a.childForFieldName('object')?.text ?? '');
      if (/^(assert\w*|expect)$/.test(name) || pestChain) {
        let stmt: Node = a;
        while (stmt.parent && stmt.type !== 'expression_statement') stmt = stmt.parent;
        out.assert = rangeOf(stmt.type === 'expression_statement' ? stmt : a);
      }
    }
    child = a;
  }
  return out;
}

export interface PhpRenderContext {
  text: string;
  root: Node;
  analysis: PhpAnalysis;
}

function enclosing(ctx: PhpRenderContext, r: Range): ListContainer | undefined {
  let best: ListContainer | undefined;
  let size = Infinity;
  for (const [k, c] of ctx.analysis.containers) {
    const [s, e] = k.split(':').map(Number);
    if (c.kind === 'object' && s <= r.start && r.end <= e && e - s < size) {
      best = c;
      size = e - s;
    }
  }
  return best;
}

function styleOf(ctx: PhpRenderContext, c: ListContainer | undefined): PhpStyle {
  return { quote: ctx.analysis.quote, camelKeys: c?.style === 'array:camel' };
}

export function renderPhp(ctx: PhpRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  const syntax: RpcSyntax = {
    lineComment: '//',
    orOperator: '||',
    andOperator: '&&',
    constructsAt: (offset) => phpConstructs(ctx.root, text, offset),
    renderEntry(container, _path, key, to) {
      // Nested arrays under a named argument keep the API's snake_case keys (the SDK passes unknown keys through as written).
      const style = styleOf(ctx, container);
      if (container.style === 'named-args') {
        if (!/^[a-z][a-z0-9_]*$/.test(key)) return { refused: `${key} is not a named argument of the SDK` };
        return `${camelCase(key)}: ${phpValue(to, { ...style, camelKeys: false })}`;
      }
      return `${phpArrayKey(key, style)} => ${phpValue(to, style)}`;
    },
    renderSetValue(value: ValueView, _path: string[], to: NeutralValue): RenderResult {
      if (typeof to === 'string' && value.kind === 'string' && value.contentRange && /^["']/.test(value.text)) {
        return { edits: [{ start: value.range.start, end: value.range.end, text: phpStringLiteral(to, value.text[0] as '"' | "'") }] };
      }
      const c = enclosing(ctx, value.range);
      const style = styleOf(ctx, c?.style === 'named-args' ? undefined : c);
      return { edits: [{ start: value.range.start, end: value.range.end, text: phpValue(to, style) }] };
    },
    renameCall(request: RequestView): RenderResult {
      const seg = analysis.betaSegments.get(rangeKey(request.range));
      if (!seg) return { refused: 'no `->beta` segment before `->messages`' };
      if (request.params.fields?.some((f) => f.key === 'betas') || request.headers.some((h) => h.name === 'anthropic-beta' && h.scope === 'request')) return { refused: 'beta flags are still set on the request' };
      // Beta-only classes in the arguments (`BetaRequestMCPServerURLDefinition::with(…)`) do not exist on the GA call.
      if (/\bBeta[A-Z]\w*/.test(request.params.text)) return { refused: 'the arguments use Beta* classes: move them to their GA equivalents by hand' };
      return { edits: [{ start: seg.receiverEnd, end: seg.betaEnd, text: '' }] };
    },
  };
  if (intent.kind === 'remove-field' || intent.kind === 'remove-element') {
    const emptied = removeEmptied(ctx, intent.kind === 'remove-field' ? intent.field.range : intent.element.range);
    if (emptied) return emptied;
  }
  // `create(...$params)`: a new request field joins the others in the `$params` array.
  const spread = intent.kind === 'add-field' ? analysis.spreadTargets.get(rangeKey(intent.container.range)) : undefined;
  if (intent.kind === 'add-field' && spread && !intent.container.fields?.some((f) => f.key === intent.key)) return renderRpc({ text, analysis, syntax }, { ...intent, container: spread });
  const result = renderRpc({ text, analysis, syntax }, intent);
  if (intent.kind === 'remove-definition' && 'edits' in result && result.edits.length === 1) return { edits: [withoutStrayBlankLine(text, result.edits[0])] };
  return result;
}

const BLOCK_OPENER = /\{\s*$/;
const BLOCK_CLOSER = /^\s*\}/;

/**
 * A removed definition must not leave a blank line at the top or bottom of a block, nor two in a row:
 * the blank line that separated it from its neighbours goes with it.
 */
function withoutStrayBlankLine(text: string, edit: TextEdit): TextEdit {
  if (edit.text !== '' || edit.start === 0 || text[edit.start - 1] !== '\n') return edit;
  const blank = (s: string) => /^[ \t]*\r?$/.test(s);
  const prevStart = text.lastIndexOf('\n', edit.start - 2) + 1;
  const prevLine = text.slice(prevStart, edit.start - 1);
  const nextEnd = text.indexOf('\n', edit.end);
  const nextLine = text.slice(edit.end, nextEnd === -1 ? text.length : nextEnd);
  if (blank(nextLine) && nextEnd !== -1 && (blank(prevLine) || BLOCK_OPENER.test(prevLine))) return { ...edit, end: nextEnd + 1 };
  if (blank(prevLine) && BLOCK_CLOSER.test(nextLine)) return { ...edit, start: prevStart };
  return edit;
}

/** Option arrays that mean nothing once empty: `requestOptions: ['extraHeaders' => []]` goes whole. */
const EMPTIABLE_OPTION = /^(request_options|extra_headers|default_headers|headers|output_config)$/;

/**
 * Removing the only entry of an array: an option array left empty goes with its key or named argument
 * (recursively); any other array becomes `[]`.
 */
function removeEmptied(ctx: PhpRenderContext, entry: Range): RenderResult | undefined {
  const { text } = ctx;
  let item = entry;
  let edit: { start: number; end: number; text: string } | undefined;
  for (;;) {
    const found = ownerOf(ctx, item);
    if (!found || found.container.items.length !== 1 || found.node.type !== 'array_creation_expression') break;
    if (/\/\/|#|\/\*/.test(text.slice(found.container.inner.start, found.container.inner.end).replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, ''))) break; // a comment inside would be lost
    edit = { start: found.container.inner.start, end: found.container.inner.end, text: '' };
    const holder = found.node.parent;
    let name: string | undefined;
    if (holder?.type === 'argument') name = holder.childForFieldName('name')?.text;
    else if (holder?.type === 'array_element_initializer' && holder.children.some((c) => c.type === '=>')) {
      const key = holder.namedChildren[0];
      name = key && key.id !== found.node.id ? phpString(key, text)?.value : undefined;
    }
    if (!holder || !name || !EMPTIABLE_OPTION.test(canonicalKey(name))) break;
    const outer = ownerOf(ctx, rangeOf(holder));
    if (!outer) break;
    if (outer.container.items.length > 1) {
      const index = outer.container.items.findIndex((r) => r.start === holder.startIndex && r.end === holder.endIndex);
      return { edits: [removeListItem(text, { items: outer.container.items, separator: outer.container.separator ?? ',', trailingSeparatorAllowed: outer.container.trailingSeparatorAllowed, lineComment: ['//', '#'] }, index)] };
    }
    item = rangeOf(holder);
  }
  return edit ? { edits: [edit] } : undefined;
}

/** The registered literal (array, named arguments) holding `item` as an entry, with its node. */
function ownerOf(ctx: PhpRenderContext, item: Range): { container: ListContainer; node: Node } | undefined {
  for (const [k, c] of ctx.analysis.containers) {
    if (!c.items.some((r) => r.start === item.start && r.end === item.end)) continue;
    const [start, end] = k.split(':').map(Number);
    let n: Node | null = ctx.root.descendantForIndex(start, Math.max(start, end - 1));
    while (n && !(n.startIndex === start && n.endIndex === end)) n = n.parent;
    if (n) return { container: c, node: n };
  }
  return undefined;
}
