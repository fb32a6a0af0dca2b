// Edit intents → TS/JS source edits: object-literal properties `key: value` (bare keys when they are
// identifiers, else quoted in the container's quote style), arrays, `//` comments, the `.beta`
// segment of a call, and add-alongside for object / array / Set / Map entries, enum members,
// string-literal unions, case labels, gates (`||` / `&&`) and asserts.
import { copiedEntry, eolOf, indentOf, indentUnitOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, reindent, removeListItem, type ListShape } from '../edit-helpers.js';
import { renameIdentifierForModel } from '../tree-sitter/common.js';
import { isRawCode, type EditIntent, type NeutralValue, type Range, type RenderResult, type TextEdit } from '../types.js';
import { tsConstructs, nodeAt, type TsCollection } from './context.js';
import { propertyNameText, rangeKey, rangeOf, textOf, ts, unwrap } from './syntax.js';
import type { TsAnalysis } from './views.js';

type Quote = "'" | '"';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function tsStringLiteral(value: string, q: Quote): string {
  const body = value.replace(/[\\\n\r\t\u2028\u2029]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u2028': '\\u2028', '\u2029': '\\u2029' })[c] ?? c);
  return q + body.split(q).join(`\\${q}`) + q;
}

function keyText(key: string, q: Quote): string {
  return IDENTIFIER.test(key) ? key : tsStringLiteral(key, q);
}

/**
 * A NeutralValue as a TS/JS expression: inline with Prettier-like spacing, unless it carries
 * multi-line source (`{ $code }` moved from elsewhere in the file), which is then kept on its own
 * lines. Continuation lines are written relative to the line the value starts on (callers re-base
 * them onto that line's indentation), one `unit` deeper per nesting level.
 */
export function renderTsValue(v: NeutralValue, q: Quote, unit = '  ', constStrings = false): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return Number.isFinite(v as number) || typeof v === 'boolean' ? String(v) : 'null';
  if (typeof v === 'string') return constStrings ? `${tsStringLiteral(v, q)} as const` : tsStringLiteral(v, q);
  if (isRawCode(v)) return relativeCode(v.$code);
  // Template literals keep their lines as they are (their indentation is part of the string).
  const nest = (s: string) => (s.includes('`') ? s : s.replace(/\n/g, `\n${unit}`));
  if (Array.isArray(v)) {
    const items = v.map((x) => renderTsValue(x, q, unit, constStrings));
    if (!items.some((x) => x.includes('\n'))) return `[${items.join(', ')}]`;
    return `[\n${items.map((x) => `${unit}${nest(x)},`).join('\n')}\n]`;
  }
  const entries = Object.entries(v).map(([k, x]) => `${keyText(k, q)}: ${renderTsValue(x, q, unit, constStrings)}`);
  if (entries.length === 0) return '{}';
  if (!entries.some((x) => x.includes('\n'))) return `{ ${entries.join(', ')} }`;
  return `{\n${entries.map((x) => `${unit}${nest(x)},`).join('\n')}\n}`;
}

/**
 * Source text moved verbatim, its continuation lines made relative to its first line: their common
 * indentation is dropped (the closing bracket sits at the indentation of the line the code started
 * on). Code holding a template literal is left alone: re-indenting would change the string.
 */
function relativeCode(code: string): string {
  if (!code.includes('\n') || code.includes('`')) return code;
  const lines = code.split(/\r?\n/);
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const base = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)![0].length));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(base, /^[ \t]*/.exec(l)![0].length)))].join('\n');
}

/** A multi-line rendering on one line, for an inline object or array (`{ a: 1, b: 2 }`). */
function oneLine(rendered: string): string {
  if (!rendered.includes('\n') || rendered.includes('`')) return rendered;
  const lines = rendered.split('\n').map((l) => l.trim());
  // A trailing comma before a closing bracket on the next line is dropped: `{ a: 1 }`, not `{ a: 1, }`.
  return lines.map((l, i) => (l.endsWith(',') && /^[}\]]/.test(lines[i + 1] ?? '') ? l.slice(0, -1) : l)).join(' ');
}

/** Re-base the continuation lines of a rendered value onto the indentation of the line at `at`. */
function placeAt(text: string, at: number, rendered: string): string {
  return rendered.includes('\n') ? reindent(rendered, indentOf(text, at), eolOf(text)) : rendered;
}

/**
 * Whether string literals written at `node` would widen to `string` in a TypeScript file: the
 * literal sits (through object / array literals) in the initializer of a variable or property with
 * no type annotation, e.g. `const params = { … }` later passed to `client.messages.create(params)`.
 * There `effort: 'medium'` would not type-check against the SDK's `'low' | 'medium' | …`, so new
 * literals get `as const`, as such files already write (`role: 'user' as const`). Call arguments,
 * annotated declarations, `as` / `satisfies` and JavaScript files need nothing.
 */
function widensLiterals(a: TsAnalysis, node: ts.Node): boolean {
  if (!/\.([cm]?ts|tsx)$/i.test(a.sf.fileName)) return false;
  for (let n = node, p = node.parent; p; p = n.parent) {
    if (ts.isPropertyAssignment(p) && p.initializer === n) n = p.parent; // up to the enclosing object literal
    else if (ts.isArrayLiteralExpression(p) || ts.isParenthesizedExpression(p)) n = p;
    else return (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p)) && p.initializer === n && !p.type;
  }
  return false;
}

/** The quote of the first string literal under `node`, else the file's usual one. */
function quoteIn(a: TsAnalysis, node: ts.Node | undefined): Quote {
  let found: Quote | undefined;
  const rec = (n: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteral(n)) {
      const c = a.text[n.getStart(a.sf)];
      if (c === "'" || c === '"') found = c;
      return;
    }
    ts.forEachChild(n, rec);
  };
  if (node) rec(node);
  return found ?? a.quote;
}

function shapeOf(a: TsAnalysis, items: readonly ts.Node[]): ListShape {
  return { items: items.map((i) => rangeOf(i, a.sf)), separator: ',', trailingSeparatorAllowed: true, lineComment: ['//'] };
}

/** Remove item `index`; a lone inline item leaves `{}` / `[]` rather than `{  }`. */
function removeItem(a: TsAnalysis, container: ts.Node, items: readonly ts.Node[], index: number): TextEdit {
  const inner = innerOf(a, container);
  if (items.length === 1 && !a.text.slice(inner.start, inner.end).includes('\n') && !/\/[/*]/.test(a.text.slice(inner.start, inner.end))) return { start: inner.start, end: inner.end, text: '' };
  return removeListItem(a.text, shapeOf(a, items), index);
}

function innerOf(a: TsAnalysis, node: ts.Node): Range {
  const r = rangeOf(node, a.sf);
  return { start: r.start + 1, end: r.end - 1 };
}

/** Remove a statement: its whole line(s) when it stands alone, else just its text. */
function removeStatement(a: TsAnalysis, stmt: ts.Statement): RenderResult {
  const p = stmt.parent;
  if (!(ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p))) return { refused: 'the statement is the body of a control statement: removing it would change the code around it' };
  const { text } = a;
  const r = rangeOf(stmt, a.sf);
  const lineStart = lineStartOf(text, r.start);
  const lineEnd = lineEndOf(text, r.end);
  const before = text.slice(lineStart, r.start);
  const after = text.slice(r.end, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\/.*)?$/.test(after)) {
    let end = nextLineStart(text, r.end);
    // A statement set off by blank lines on both sides takes one of them along, so no double gap is left.
    const prevBlank = lineStart === 0 || text.slice(lineStartOf(text, lineStart - 1), lineStart).trim() === '';
    if (prevBlank && end < text.length && text.slice(end, nextLineStart(text, end)).trim() === '') end = nextLineStart(text, end);
    return { edits: [{ start: lineStart, end, text: '' }] };
  }
  let end = r.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return { edits: [{ start: r.start, end, text: '' }] };
}

function isExported(stmt: ts.Node): boolean {
  return ts.canHaveModifiers(stmt) && !!ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

export function renderTs(a: TsAnalysis, intent: EditIntent): RenderResult {
  const { text, ctx } = a;
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };

    case 'set-value': {
      const v = intent.value;
      if (v.via?.external) return { refused: `the value is defined in ${v.via.external}` };
      if (v.via && v.via.useRange.start === v.range.start && v.via.useRange.end === v.range.end) return { refused: 'the value is defined elsewhere' };
      if (v.range.end > text.length) return { refused: 'the value is not in this file' };
      const node = ctx.objects.get(rangeKey(v.range)) ?? ctx.arrays.get(rangeKey(v.range)) ?? nodeAt(a.sf, v.range.start);
      return { edits: [{ start: v.range.start, end: v.range.end, text: placeAt(text, v.range.start, renderTsValue(intent.to, quoteIn(a, node), indentUnitOf(text), widensLiterals(a, node))) }] };
    }

    case 'remove-field': {
      if (intent.field.implicit) return { refused: 'the field has no source of its own' };
      const owner = ctx.fieldOwners.get(rangeKey(intent.field.range));
      if (!owner) return { refused: 'the field is not a property of an object literal in this file' };
      if (owner.kind === 'statement') return removeStatement(a, owner.statement);
      const index = owner.object.properties.indexOf(owner.property);
      if (index < 0) return { refused: 'the field is not a property of its object' };
      return { edits: [removeItem(a, owner.object, owner.object.properties, index)] };
    }

    case 'remove-element': {
      const arr = ctx.arrays.get(rangeKey(intent.array.range));
      if (!arr) return { refused: 'the array is not a literal in this file' };
      const items = arr.elements.filter((e) => !ts.isOmittedExpression(e));
      const index = items.findIndex((e) => {
        const r = rangeOf(e, a.sf);
        return r.start === intent.element.range.start && r.end === intent.element.range.end;
      });
      if (index < 0) return { refused: 'the element is not an item of the array' };
      return { edits: [removeItem(a, arr, items, index)] };
    }

    case 'add-field': {
      const key = rangeKey(intent.container.range);
      const obj = ctx.objects.get(key);
      if (!obj) return { refused: 'the object is not an object literal in this file' };
      if (a.opaqueParams.has(key) || ctx.opaque.has(intent.container)) return { refused: 'the object is partly spread from a value not visible here: the key may already be set' };
      if (intent.container.fields?.some((f) => f.key === intent.key) || obj.properties.some((p) => propertyNameText(p.name) === intent.key)) return { refused: `${intent.key} is already set` };
      const q = quoteIn(a, obj);
      const props = obj.properties;
      const inner = innerOf(a, obj);
      const rendered = renderTsValue(intent.to, q, indentUnitOf(text), widensLiterals(a, obj));
      const inline = !text.slice(inner.start, inner.end).includes('\n');
      if (inline && rendered.includes('\n') && /\/[/*]/.test(rendered)) return { refused: 'the value carries comments and would have to be joined onto one line' };
      const item = `${keyText(intent.key, q)}: ${inline ? oneLine(rendered) : rendered}`;
      if (props.length === 0 && !text.slice(inner.start, inner.end).includes('\n')) return { edits: [{ start: inner.start, end: inner.end, text: ` ${item} ` }] };
      // Before a trailing `...overrides` spread, so values spread last keep winning.
      let afterIndex = props.length - 1;
      while (afterIndex >= 0 && ts.isSpreadAssignment(props[afterIndex])) afterIndex--;
      return { edits: [insertListItem(text, { ...shapeOf(a, props), inner, afterIndex, indentUnit: indentUnitOf(text) }, item)] };
    }

    case 'rename-call':
      return renameCall(a, intent.request);

    case 'insert-comment': {
      const start = lineStartOf(text, intent.at);
      if (a.view.strings.some((s) => s.range.start < start && start < s.range.end)) return { refused: 'the line starts inside a multi-line string' };
      const first = start + indentOf(text, intent.at).length;
      const at = nodeAt(a.sf, first);
      if (ts.isJsxText(at) || ((ts.isJsxElement(at) || ts.isJsxSelfClosingElement(at) || ts.isJsxFragment(at) || ts.isJsxExpression(at)) && (ts.isJsxElement(at.parent) || ts.isJsxFragment(at.parent)))) return { refused: 'the line is JSX content: a // comment would be rendered as text' };
      const indent = indentOf(text, intent.at);
      const eol = eolOf(text);
      const lines = intent.text.split(/\r?\n/).map((l) => `${indent}// ${l}`.trimEnd());
      return { edits: [{ start, end: start, text: lines.join(eol) + eol }] };
    }

    case 'remove-definition': {
      const v = intent.value;
      const b = v.via && !v.via.external ? ctx.definitions.get(rangeKey(v.range)) : undefined;
      if (!b || !ts.isVariableDeclaration(b.decl)) return { refused: 'the definition is not a variable declaration in this file' };
      const list = b.decl.parent;
      const stmt = list.parent;
      if (!ts.isVariableDeclarationList(list) || !ts.isVariableStatement(stmt) || list.declarations.length !== 1) return { refused: 'the definition shares its statement with other declarations' };
      if (isExported(stmt) || b.exported) return { refused: 'the definition is exported: other modules may use it' };
      return removeStatement(a, stmt);
    }

    case 'add-alongside':
      return alongside(a, intent.at, intent.from, intent.to);
  }
}

function renameCall(a: TsAnalysis, req: Extract<EditIntent, { kind: 'rename-call' }>['request']): RenderResult {
  if (!req.beta || !req.callee || req.kind !== 'sdk-call') return { refused: 'not a beta-namespace SDK call' };
  const call = [...a.requestCalls].find(([r]) => r.range.start === req.range.start && r.range.end === req.range.end && r.callee?.start === req.callee?.start)?.[1];
  if (!call || !ts.isCallExpression(call)) return { refused: 'the call is not in this file' };
  // Beta types named around the call would no longer match the regular namespace's types.
  const typed: string[] = [];
  const arg = call.arguments[0];
  for (let e: ts.Node | undefined = arg; e && (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)); e = (e as ts.AsExpression).expression) {
    if (!ts.isParenthesizedExpression(e)) typed.push(textOf(e.type, a.sf));
  }
  const def = req.params.via ? a.ctx.definitions.get(rangeKey(req.params.range)) : undefined;
  if (def?.type) typed.push(textOf(def.type, a.sf));
  let up: ts.Node = call;
  while (ts.isAwaitExpression(up.parent) || ts.isParenthesizedExpression(up.parent)) up = up.parent;
  if (ts.isVariableDeclaration(up.parent) && up.parent.type) typed.push(textOf(up.parent.type, a.sf));
  if (typed.some((t) => /\bBeta/.test(t))) return { refused: 'beta types are named at the call (params or result): rename them together by hand' };
  let fn: ts.Expression = unwrap(call.expression);
  while (ts.isPropertyAccessExpression(fn)) {
    const obj = unwrap(fn.expression);
    if (fn.name.text === 'messages' && ts.isPropertyAccessExpression(obj) && obj.name.text === 'beta') {
      return { edits: [{ start: obj.name.getStart(a.sf), end: fn.name.getStart(a.sf), text: '' }] };
    }
    fn = obj;
  }
  return { refused: 'no `.beta` segment before `.messages`' };
}

// ---- add-alongside ----

const size = (r: Range | undefined) => (r ? r.end - r.start : Infinity);

function swapAll(s: string, from: string, to: string): string {
  return s.split(from).join(to);
}

/** The entry text duplicated for the new ID, or undefined when the copy would collide with the entry (same key / member name). */
function copyOf(a: TsAnalysis, col: TsCollection, from: string, to: string): string | undefined {
  const entryText = a.text.slice(col.entryRange.start, col.entryRange.end);
  const swapped = swapAll(entryText, from, to);
  if (col.kind === 'enum' || (col.kind === 'map' && ts.isObjectLiteralElementLike(col.entry))) {
    const name = (col.entry as ts.EnumMember | ts.ObjectLiteralElementLike).name;
    if (!name) return undefined; // a spread has no key of its own
    const nameText = textOf(name, a.sf);
    if (swapAll(nameText, from, to) !== nameText) return swapped;
    if (!ts.isIdentifier(name)) return undefined;
    const renamed = renameIdentifierForModel(name.text, from, to);
    if (!renamed || ts.isShorthandPropertyAssignment(col.entry)) return undefined;
    const nameStart = name.getStart(a.sf) - col.entryRange.start;
    return renamed + swapAll(entryText.slice(nameStart + nameText.length), from, to);
  }
  if (col.kind === 'map') {
    // `new Map([[key, value]])`: the key must change.
    const pair = col.entry as ts.ArrayLiteralExpression;
    const k = pair.elements[0] ? textOf(pair.elements[0], a.sf) : '';
    return swapAll(k, from, to) !== k ? swapped : undefined;
  }
  return swapped;
}

const NO_PARENS = (p: ts.Node, child: ts.Node, op: ts.SyntaxKind): boolean =>
  ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p) || ts.isParenthesizedExpression(p) || ts.isReturnStatement(p) || ts.isExpressionStatement(p) || ts.isJsxExpression(p) || ts.isTemplateSpan(p) || ts.isArrayLiteralExpression(p) ||
  (ts.isVariableDeclaration(p) && p.initializer === child) || (ts.isPropertyAssignment(p) && p.initializer === child) || ((ts.isCallExpression(p) || ts.isNewExpression(p)) && !!p.arguments?.includes(child as ts.Expression)) ||
  (ts.isArrowFunction(p) && p.body === child) || (ts.isConditionalExpression(p) && p.condition === child) || (ts.isForStatement(p) && p.condition === child) ||
  (ts.isBinaryExpression(p) && p.operatorToken.kind === op);

function alongside(a: TsAnalysis, at: number, from: string, to: string): RenderResult {
  const { text, sf } = a;
  if (!from || !text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = tsConstructs(a, at);
  let col: TsCollection | undefined;
  let copy: string | undefined;
  for (const x of c.collections) {
    const cp = copyOf(a, x, from, to);
    if (cp !== undefined) {
      col = x;
      copy = cp;
      break;
    }
  }
  const gate = c.gate && c.assert && c.assert.getStart(sf) <= c.gate.getStart(sf) && c.gate.getEnd() <= c.assert.getEnd() ? undefined : c.gate;
  const within = (r: Range | undefined) => !!r && r.start <= at && at + from.length <= r.end;
  const candidates = [
    { kind: 'collection' as const, range: col?.entryRange },
    { kind: 'gate' as const, range: gate ? rangeOf(gate, sf) : undefined },
    { kind: 'assert' as const, range: c.assert ? rangeOf(c.assert, sf) : undefined },
  ].filter((x) => within(x.range));
  if (!candidates.length) return { refused: 'no collection entry, case, gate or assert encloses the model ID' };
  const pick = candidates.reduce((x, y) => (size(y.range) < size(x.range) ? y : x));
  const r = pick.range!;
  const eol = eolOf(text);

  if (pick.kind === 'gate') {
    const g = gate!;
    const negative = ts.isBinaryExpression(g) && (g.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || g.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken);
    const op = negative ? ts.SyntaxKind.AmpersandAmpersandToken : ts.SyntaxKind.BarBarToken;
    const own = text.slice(r.start, r.end);
    const joined = `${own} ${negative ? '&&' : '||'} ${swapAll(own, from, to)}`;
    const needParens = !NO_PARENS(g.parent, g, op);
    return { edits: [{ start: r.start, end: r.end, text: needParens ? `(${joined})` : joined }] };
  }
  if (pick.kind === 'assert') {
    const own = text.slice(r.start, r.end);
    const end = lineEndOf(text, r.end);
    if (!/^[ \t]*(\/\/.*)?$/.test(text.slice(r.end, end)) || !/^[ \t]*$/.test(text.slice(lineStartOf(text, r.start), r.start))) return { refused: 'the assert shares its line with other code' };
    if (!ts.isExpressionStatement(c.assert!)) return { refused: 'the assert is part of a larger expression' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, r.start)}${swapAll(own, from, to)}` }] };
  }
  const k = col!;
  const cp = copy!;
  if (k.kind === 'switch') {
    const lineEnd = lineEndOf(text, r.end);
    if (/^[ \t]*(\/\/.*)?$/.test(text.slice(r.end, lineEnd)) && /^[ \t]*$/.test(text.slice(lineStartOf(text, r.start), r.start))) {
      return { edits: [{ start: lineEnd, end: lineEnd, text: `${eol}${indentOf(text, r.start)}${cp}` }] };
    }
    return { edits: [{ start: r.end, end: r.end, text: ` ${cp}` }] };
  }
  if (k.kind === 'union') {
    const index = k.items.indexOf(k.entry);
    const prevEnd = index > 0 ? k.items[index - 1].getEnd() : k.node.getStart(sf);
    const lineStart = lineStartOf(text, r.start);
    const multiline = text.slice(prevEnd, r.start).includes('\n') || /^[ \t]*\|/.test(text.slice(lineStart, r.start));
    return { edits: [{ start: r.end, end: r.end, text: multiline ? `${eol}${indentOf(text, r.start)}| ${cp}` : ` | ${cp}` }] };
  }
  const index = k.items.indexOf(k.entry);
  if (index < 0) return { refused: 'the entry is not an item of its literal' };
  const node = k.node as ts.ObjectLiteralExpression | ts.ArrayLiteralExpression | ts.EnumDeclaration;
  let inner: Range;
  if (ts.isEnumDeclaration(node)) {
    const open = text.indexOf('{', node.name.getEnd());
    inner = { start: open + 1, end: node.getEnd() - 1 };
  } else inner = innerOf(a, node);
  // The copy keeps its continuation lines' depth where it was: made relative (not inside a template
  // literal, whose text it is), insertListItem re-bases them.
  return { edits: [insertListItem(text, { ...shapeOf(a, k.items), inner, afterIndex: index, indentUnit: indentUnitOf(text) }, copiedEntry(text, r.start, cp, cp.includes('`')))] };
}

export type { TextEdit };
