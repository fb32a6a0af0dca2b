// Edit intents → Python source edits: keyword arguments `key=value` in calls, `"key": value` entries
// in dicts (in the file's / container's quote style), `True`/`False`/`None`, `#` comments, and
// add-alongside for dict/list/set entries, Enum members, `Literal[...]`, match cases, gates
// (`or` / `and`) and asserts.
import type { Node } from 'web-tree-sitter';
import { copiedEntry, eolOf, indentOf, indentUnitOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import { dedentContinuation as dedentShared } from '../tree-sitter/common.js';
import { isRawCode, type EditIntent, type NeutralValue, type RenderResult, type TextEdit } from '../types.js';
import { rangeKey, rangeOf, renameIdentifierForModel, walk } from '../tree-sitter/common.js';
import { pyConstructs, type PyCollection } from './context.js';
import { pyString, pyStringLiteral } from './strings.js';
import { itemsOf, type PyContainer } from './values.js';
import type { PyAnalysis } from './views.js';

export interface PyRenderContext {
  text: string;
  root: Node;
  analysis: PyAnalysis;
}

type Quote = '"' | "'";

const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A NeutralValue as a Python expression (inline). */
export function renderPyValue(v: NeutralValue, q: Quote): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'None';
  if (typeof v === 'string') return pyStringLiteral(v, q);
  if (Array.isArray(v)) return `[${v.map((x) => renderPyValue(x, q)).join(', ')}]`;
  if (isRawCode(v)) return dedentContinuation(v.$code);
  return `{${Object.entries(v).map(([k, x]) => `${pyStringLiteral(k, q)}: ${renderPyValue(x, q)}`).join(', ')}}`;
}

/**
 * Source carried over verbatim keeps its continuation lines' absolute indentation; make it relative
 * to the least-indented continuation line (usually the closing bracket) so the inserter can re-base it.
 */
function dedentContinuation(code: string): string {
  return /'''|"""/.test(code) ? code : dedentShared(code);
}

/**
 * A multi-line expression written on one line: line breaks after an opening bracket or before a
 * closing one vanish, a trailing comma before `}` / `]` goes, other breaks become one space.
 * Undefined when that is unsafe: a comment or a multi-line string inside.
 */
export function joinLines(code: string): string | undefined {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      if (ch === '\\') { out += ch + (code[i + 1] ?? ''); i++; continue; }
      if (code.startsWith(quote, i)) { out += quote; i += quote.length - 1; quote = undefined; continue; }
      if (ch === '\n') return undefined;
      out += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = code.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      out += quote;
      i += quote.length - 1;
      continue;
    }
    if (ch === '#') return undefined;
    const ws = /^[ \t\r]*\n[\s]*/.exec(code.slice(i));
    if (ws) {
      const next = code[i + ws[0].length] ?? '';
      const prev = out.trimEnd().at(-1) ?? '';
      if (/[}\]]/.test(next) && prev === ',') out = out.trimEnd().slice(0, -1);
      else out = out.trimEnd();
      if (!/[[{(]/.test(prev) && !/[}\])]/.test(next) && next !== '') out += ' ';
      i += ws[0].length - 1;
      continue;
    }
    out += ch;
  }
  return quote ? undefined : out;
}

/** Whether the inserter will lay a new item out inline (the container's items share a line). */
function insertsInline(text: string, c: PyContainer): boolean {
  const items = c.items;
  if (items.length === 0) return !text.slice(c.inner.start, c.inner.end).includes('\n');
  if (items.length > 1) return !items.some((n, i) => i > 0 && text.slice(items[i - 1].endIndex, n.startIndex).includes('\n'));
  return !text.slice(c.inner.start, items[0].startIndex).includes('\n');
}

/** The quote the first string literal under `node` uses, else the file's usual one. */
function quoteIn(node: Node | undefined, ctx: PyRenderContext): Quote {
  let found: Quote | undefined;
  if (node) {
    walk(node, (n) => {
      if (found) return false;
      if (n.type === 'string') {
        const q = pyString(n, ctx.text)?.quote;
        if (q === '"' || q === "'") found = q;
        return false;
      }
    });
  }
  return found ?? ctx.analysis.quote;
}

/** The node spanning exactly `r` (outermost of equal-range nodes is not needed: any will do). */
function nodeFor(ctx: PyRenderContext, r: { start: number; end: number }): Node | undefined {
  let n: Node | null = ctx.root.descendantForIndex(r.start, r.end);
  while (n) {
    if (n.startIndex === r.start && n.endIndex === r.end) return n;
    if (n.startIndex < r.start || n.endIndex > r.end) return undefined;
    n = n.parent;
  }
  return undefined;
}

const listShape = (c: PyContainer) => ({ items: c.items.map(rangeOf), separator: ',', trailingSeparatorAllowed: true, lineComment: ['#'] });

/**
 * Remove item `index` of a container. A tuple left with one element keeps a trailing comma so it
 * stays a tuple (`("a", "b")` → `("b",)`, not the string `("b")`).
 */
function removeItem(ctx: PyRenderContext, c: PyContainer, index: number): TextEdit[] {
  const edit = leadingLineBreak(ctx.text, removeListItem(ctx.text, listShape(c), index));
  if (c.kind !== 'tuple' || c.items.length !== 2) return [edit];
  const remaining = c.items[1 - index];
  const after = ctx.text.slice(remaining.endIndex, c.inner.end);
  if (/^\s*,/.test(after) && !(edit.start <= remaining.endIndex && remaining.endIndex < edit.end)) return [edit];
  if (edit.start === remaining.endIndex) return [{ ...edit, text: ',' + edit.text.replace(/^,/, '') }];
  if (edit.end <= remaining.endIndex || edit.start > remaining.endIndex) return [edit, { start: remaining.endIndex, end: remaining.endIndex, text: ',' }];
  return [edit];
}

/**
 * A whole-line removal `line\n` rewritten as the same removal `\nline`: an item added after the
 * removed one (a field moved to the end of the arguments) then lands on the edit's boundary instead
 * of inside it, so both edits of one fix apply together.
 */
function leadingLineBreak(text: string, e: TextEdit): TextEdit {
  if (e.text !== '' || e.start === 0 || lineStartOf(text, e.start) !== e.start || text[e.end - 1] !== '\n') return e;
  const eolBefore = text.slice(0, e.start).endsWith('\r\n') ? 2 : 1;
  const eolAfter = text.slice(0, e.end).endsWith('\r\n') ? 2 : 1;
  return { start: e.start - eolBefore, end: e.end - eolAfter, text: '' };
}

/**
 * A request option dict losing its only entry (`extra_headers={"anthropic-beta": "…"}`,
 * `output_config={"effort": "low"}`): the whole option goes rather than leaving `={}` behind (same
 * request, less noise). Keyword arguments and entries of a params dict both qualify.
 */
const EMPTIABLE_OPTION = /^(extra_headers|default_headers|headers|output_config)$/;

function emptiedOption(text: string, c: PyContainer): { owner: PyContainer; index: number } | undefined {
  if (c.kind !== 'dict' || c.items.length !== 1 || c.items[0].type !== 'pair') return undefined;
  const holder = c.node.parent;
  let name: string | undefined;
  if (holder?.type === 'keyword_argument') name = holder.childForFieldName('name')?.text;
  else if (holder?.type === 'pair') {
    const key = holder.childForFieldName('key');
    name = key?.type === 'string' ? pyString(key, text)?.value : undefined;
  }
  if (!holder || !name || !EMPTIABLE_OPTION.test(name)) return undefined;
  const outer = holder.parent;
  if (outer?.type !== 'argument_list' && outer?.type !== 'dictionary') return undefined;
  const items = itemsOf(outer);
  const index = items.findIndex((i) => i.id === holder.id);
  if (index < 0) return undefined;
  const kind = outer.type === 'argument_list' ? 'kwargs' : 'dict';
  return { owner: { kind, node: outer, inner: { start: outer.startIndex + 1, end: outer.endIndex - 1 }, items }, index };
}

/** Remove a whole statement (its lines); an emptied block gets `pass`. */
function removeStatement(ctx: PyRenderContext, stmt: Node): RenderResult {
  const { text } = ctx;
  const start = lineStartOf(text, stmt.startIndex);
  if (!/^[ \t]*$/.test(text.slice(start, stmt.startIndex))) return { refused: 'the statement shares its line with other code' };
  const end = lineEndOf(text, stmt.endIndex);
  if (!/^[ \t]*(#.*)?$/.test(text.slice(stmt.endIndex, end))) return { refused: 'the statement shares its line with other code' };
  const block = stmt.parent;
  if (block?.type === 'block' && block.namedChildren.filter((c) => c.type !== 'comment').length === 1) {
    return { edits: [{ start: stmt.startIndex, end: stmt.endIndex, text: 'pass' }] };
  }
  // Blank lines on both sides would merge into a doubled gap: keep the larger of the two runs.
  let removeTo = nextLineStart(text, end);
  let before = 0;
  for (let p = start; p > 0 && before < 2; before++) {
    const prev = lineStartOf(text, p - 1);
    if (text.slice(prev, p).trim() !== '') break;
    p = prev;
  }
  let after = 0;
  const stops: number[] = [];
  for (let p = removeTo; p < text.length; after++) {
    const next = nextLineStart(text, p);
    if (text.slice(p, next).trim() !== '') break;
    stops.push(next);
    p = next;
  }
  const drop = start === 0 ? after : Math.min(before, after);
  if (drop > 0) removeTo = stops[drop - 1];
  return { edits: [{ start, end: removeTo, text: '' }] };
}

export function renderPython(ctx: PyRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };

    case 'set-value': {
      const v = intent.value;
      if (v.via?.external) return { refused: `the value is defined in ${v.via.external}` };
      if (v.via && v.via.useRange.start === v.range.start && v.via.useRange.end === v.range.end) return { refused: 'the value is defined elsewhere' };
      const node = nodeFor(ctx, v.range);
      return { edits: [{ start: v.range.start, end: v.range.end, text: renderPyValue(intent.to, quoteIn(node, ctx)) }] };
    }

    case 'remove-field': {
      if (intent.field.implicit) return { refused: 'the field has no source of its own' };
      const owner = analysis.fieldOwners.get(rangeKey(intent.field.range));
      if (!owner) return { refused: 'the field is not an entry of a literal in this file' };
      if (owner.kind === 'statement') return removeStatement(ctx, owner.statement);
      const index = owner.container.items.findIndex((i) => i.id === owner.item.id);
      if (index < 0) return { refused: 'the field is not an entry of its container' };
      const emptied = emptiedOption(text, owner.container);
      if (emptied) return { edits: removeItem(ctx, emptied.owner, emptied.index) };
      return { edits: removeItem(ctx, owner.container, index) };
    }

    case 'remove-element': {
      const c = analysis.containers.get(rangeKey(intent.array.range));
      if (!c) return { refused: 'the array is not a literal in this file' };
      const index = c.items.findIndex((i) => i.startIndex === intent.element.range.start && i.endIndex === intent.element.range.end);
      if (index < 0) return { refused: 'the element is not an item of the array' };
      return { edits: removeItem(ctx, c, index) };
    }

    case 'add-field': {
      const key = rangeKey(intent.container.range);
      const c = analysis.containers.get(key);
      if (!c || (c.kind !== 'dict' && c.kind !== 'kwargs')) return { refused: 'the object is not a dict literal or keyword arguments in this file' };
      if (analysis.opaqueParams.has(key)) return { refused: 'the parameters are partly unpacked from a value not visible here: the key may already be set' };
      if (intent.container.fields?.some((f) => f.key === intent.key)) return { refused: `${intent.key} is already set` };
      const q = quoteIn(c.node, ctx);
      if (c.kind === 'kwargs' && !PY_IDENTIFIER.test(intent.key)) return { refused: `${intent.key} is not a valid keyword argument name` };
      let item = c.kind === 'kwargs' ? `${intent.key}=${renderPyValue(intent.to, q)}` : `${pyStringLiteral(intent.key, q)}: ${renderPyValue(intent.to, q)}`;
      if (item.includes('\n') && insertsInline(text, c)) {
        const joined = joinLines(item);
        if (joined === undefined) return { refused: 'the moved value spans lines with comments or multi-line strings and the target is written on one line' };
        item = joined;
      }
      // A generator argument (`f(x for x in y)`) cannot take more arguments.
      if (c.kind === 'kwargs' && c.items.some((i) => i.type === 'generator_expression')) return { refused: 'the call takes a bare generator argument' };
      return { edits: [insertListItem(text, { ...listShape(c), inner: c.inner, indentUnit: indentUnitOf(text) }, item)] };
    }

    case 'rename-call': {
      const req = intent.request;
      if (!req.beta || !req.callee || req.kind !== 'sdk-call') return { refused: 'not a beta-namespace SDK call' };
      const callee = nodeFor(ctx, req.callee);
      if (!callee) return { refused: 'the call is not in this file' };
      let betaAttr: Node | undefined;
      walk(callee, (n) => {
        if (betaAttr) return false;
        if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'beta' && n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.text === 'messages') betaAttr = n;
      });
      if (!betaAttr) return { refused: 'no `.beta` segment before `.messages`' };
      const obj = betaAttr.childForFieldName('object')!;
      return { edits: [{ start: obj.endIndex, end: betaAttr.endIndex, text: '' }] };
    }

    case 'insert-comment': {
      const start = lineStartOf(text, intent.at);
      const indent = indentOf(text, intent.at);
      const eol = eolOf(text);
      const lines = intent.text.split(/\r?\n/).map((l) => `${indent}# ${l}`.trimEnd());
      return { edits: [{ start, end: start, text: lines.join(eol) + eol }] };
    }

    case 'remove-definition': {
      const b = intent.value.via && !intent.value.via.external ? analysis.definitions.get(rangeKey(intent.value.range)) : undefined;
      if (!b || b.kind !== 'assign' || !b.statement) return { refused: 'the definition is not an assignment statement of its own' };
      const asg = b.statement.namedChildren[0];
      if (b.statement.namedChildren.length !== 1 || asg?.type !== 'assignment' || asg.childForFieldName('right')?.type === 'assignment') return { refused: 'the definition is not a single assignment' };
      return removeStatement(ctx, b.statement);
    }

    case 'add-alongside':
      return alongside(ctx, intent.at, intent.from, intent.to);
  }
}

const size = (n: Node | undefined) => (n ? n.endIndex - n.startIndex : Infinity);

function swapAll(s: string, from: string, to: string): string {
  return s.split(from).join(to);
}

/** The innermost collection whose entry can be duplicated without colliding with itself. */
function pickCollection(ctx: PyRenderContext, cols: PyCollection[], from: string, to: string): PyCollection | undefined {
  for (const c of cols) {
    if (c.kind !== 'map') return c;
    const key = c.entry.childForFieldName('key');
    // A dict entry whose key would not change would be a duplicate key: go outward.
    if (key && swapAll(key.text, from, to) !== key.text) return c;
  }
  return undefined;
}

const NO_PARENS_PARENTS = new Set(['if_statement', 'elif_clause', 'while_statement', 'argument_list', 'parenthesized_expression', 'assignment', 'return_statement', 'keyword_argument', 'if_clause', 'lambda', 'expression_statement', 'assert_statement', 'conditional_expression', 'pair']);

function alongside(ctx: PyRenderContext, at: number, from: string, to: string): RenderResult {
  const { text, root } = ctx;
  if (!from || !text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = pyConstructs(root, at);
  const col = pickCollection(ctx, c.collections, from, to);
  const gate = c.gate && c.assert && c.assert.startIndex <= c.gate.startIndex && c.gate.endIndex <= c.assert.endIndex ? undefined : c.gate;
  const candidates = [
    { kind: 'collection' as const, node: col?.entry },
    { kind: 'gate' as const, node: gate },
    { kind: 'assert' as const, node: c.assert },
  ].filter((x) => x.node && x.node.startIndex <= at && at + from.length <= x.node.endIndex);
  if (!candidates.length) return { refused: 'no collection entry, case, gate or assert encloses the model ID' };
  const pick = candidates.reduce((a, b) => (size(b.node) < size(a.node) ? b : a));
  const node = pick.node!;
  const copy = swapAll(node.text, from, to);
  const eol = eolOf(text);
  const edits: TextEdit[] = [];

  if (pick.kind === 'gate') {
    const negative = node.type === 'comparison_operator' && node.children.some((ch) => ch.type === '!=' || ch.type === 'not in' || ch.text === 'not');
    const op = negative ? 'and' : 'or';
    const parent = node.parent;
    const parentOp = parent?.type === 'boolean_operator' ? parent.childForFieldName('operator')?.text : undefined;
    const needParens = parent ? !(NO_PARENS_PARENTS.has(parent.type) || parentOp === op) : false;
    const joined = `${node.text} ${op} ${copy}`;
    edits.push({ start: node.startIndex, end: node.endIndex, text: needParens ? `(${joined})` : joined });
    return { edits };
  }
  if (pick.kind === 'assert') {
    const end = lineEndOf(text, node.endIndex);
    if (!/^[ \t]*(#.*)?$/.test(text.slice(node.endIndex, end))) return { refused: 'the assert shares its line with other code' };
    if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, node.startIndex), node.startIndex))) return { refused: 'the assert shares its line with other code' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, node.startIndex)}${copy}` }] };
  }
  const k = col!;
  if (k.kind === 'switch' || k.kind === 'union') {
    // A Literal[...] written one member per line gets the new member on a line of its own.
    const index = k.items.findIndex((i) => i.id === node.id);
    const neighbour = k.items[index + 1] ?? k.items[index - 1];
    const perLine = k.kind === 'union' && !!neighbour && text.slice(Math.min(node.endIndex, neighbour.endIndex), Math.max(node.startIndex, neighbour.startIndex)).includes('\n');
    if (perLine) {
      const lineEnd = lineEndOf(text, node.endIndex);
      const after = text.slice(node.endIndex, lineEnd);
      const comma = /^\s*,/.test(after);
      if (!/^\s*,?\s*(#.*)?$/.test(after)) return { refused: 'the member shares its line with other code' };
      return { edits: comma
        ? [{ start: lineEnd, end: lineEnd, text: `${eol}${indentOf(text, node.startIndex)}${copy},` }]
        : [{ start: node.endIndex, end: node.endIndex, text: `,${eol}${indentOf(text, node.startIndex)}${copy}` }] };
    }
    const sep = k.kind === 'switch' ? ' | ' : ', ';
    return { edits: [{ start: node.endIndex, end: node.endIndex, text: `${sep}${copy}` }] };
  }
  if (k.kind === 'enum') {
    const asg = node.namedChildren[0];
    const left = asg?.childForFieldName('left');
    if (left?.type !== 'identifier') return { refused: 'the enum member is not a simple assignment' };
    const renamed = renameIdentifierForModel(left.text, from, to);
    if (!renamed) return { refused: `cannot derive a member name for ${to} from ${left.text}` };
    const member = renamed + swapAll(text.slice(left.endIndex, node.endIndex), from, to);
    const end = lineEndOf(text, node.endIndex);
    if (!/^[ \t]*(#.*)?$/.test(text.slice(node.endIndex, end))) return { refused: 'the enum member shares its line with other code' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, node.startIndex)}${member}` }] };
  }
  const index = k.items.findIndex((i) => i.id === node.id);
  if (index < 0) return { refused: 'the entry is not an item of its literal' };
  const container: PyContainer = { kind: k.node.type === 'dictionary' ? 'dict' : (k.node.type as 'list' | 'tuple' | 'set'), node: k.node, inner: { start: k.node.startIndex + 1, end: k.node.endIndex - 1 }, items: k.items };
  // The copy keeps its continuation lines' depth where it was: made relative, insertListItem re-bases them.
  edits.push(insertListItem(text, { ...listShape(container), inner: container.inner, afterIndex: index, indentUnit: indentUnitOf(text) }, copiedEntry(text, node.startIndex, copy, /'''|"""/.test(copy))));
  return { edits };
}
