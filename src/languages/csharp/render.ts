// C#: what surrounds an offset (collection initialisers / expressions, dictionary entries, enum
// members, switch labels and arms, comparisons / StartsWith-style gates, Assert.* / .Should()) and the
// rendering of edit intents in the SDK's typed syntax (sdk.ts lists where each name was verified):
// `Thinking = new ThinkingConfigAdaptive()`, `OutputConfig = new OutputConfig { Effort = Effort.High }`,
// `Display = Display.Summarized`. A class is only written when its namespace is visible in the file
// (a `using`, or another type of that namespace written unqualified); otherwise the edit is refused.
import type { Node } from 'web-tree-sitter';
import { isRawCode, type EditIntent, type NeutralValue, type Range, type RenderResult, type RequestView, type TextEdit, type ValueView } from '../types.js';
import { ancestors, escapeDoubleQuoted, nodeAt, pascalCase, rangeKey, rangeOf } from '../tree-sitter/common.js';
import { renderRpc, type Constructs, type ListContainer, type RpcSyntax } from '../tree-sitter/shared-rpc.js';
import { BETA_MESSAGES_NAMESPACE, constantForModelId, DISPLAY_MEMBERS, EFFORT_MEMBERS, MESSAGES_NAMESPACE, TOOL_CLASS_FOR_TYPE, typeFromClass } from './sdk.js';
import type { CsAnalysis } from './views.js';

const GATE_METHODS = /^(StartsWith|EndsWith|Contains|Equals|IsMatch|ContainsKey|Match)$/;
const STATEMENT = /(_statement|_declaration)$/;

function memberName(n: Node | null): string | undefined {
  return n?.type === 'member_access_expression' ? n.childForFieldName('name')?.text : undefined;
}

export function csConstructs(root: Node, offset: number): Constructs {
  const out: Constructs = {};
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (!out.collection) collection(a, child, offset, out);
    if (!out.gate) {
      let gate: Node | undefined;
      let negative = false;
      if (a.type === 'binary_expression' && /^(==|!=)$/.test(a.childForFieldName('operator')?.text ?? '')) {
        gate = a;
        negative = a.childForFieldName('operator')!.text === '!=';
      } else if (a.type === 'invocation_expression' && GATE_METHODS.test(memberName(a.childForFieldName('function')) ?? '')) gate = a;
      else if (a.type === 'is_pattern_expression') gate = a;
      if (gate) {
        const parent = gate.parent;
        const parentOp = parent?.type === 'binary_expression' ? parent.childForFieldName('operator')?.text : undefined;
        const joinOp = negative ? '&&' : '||';
        const needParens = (parentOp !== undefined && !['||', joinOp].includes(parentOp)) || parent?.type === 'prefix_unary_expression' || (gate.type === 'is_pattern_expression' && parentOp !== undefined);
        out.gate = { range: rangeOf(gate), negative, needParens };
      }
    }
    if (!out.assert && a.type === 'invocation_expression') {
      const fn = a.childForFieldName('function');
      const owner = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression')?.text ?? '' : '';
      if (/(^|\.)(Assert|CollectionAssert|StringAssert|ClassicAssert)$/.test(owner) || memberName(fn) === 'Should') {
        let stmt: Node = a;
        while (stmt.parent && stmt.type !== 'expression_statement') stmt = stmt.parent;
        out.assert = rangeOf(stmt.type === 'expression_statement' ? stmt : a);
      }
    }
    child = a;
    if (STATEMENT.test(a.type) && out.collection && out.gate && out.assert) break;
  }
  return out;
}

function collection(a: Node, child: Node, offset: number, out: Constructs): void {
  const entries = (n: Node) => n.namedChildren.filter((c) => c.type !== 'comment');
  if (a.type === 'initializer_expression') {
    const items = entries(a);
    if (!items.some((i) => i.id === child.id)) return;
    const owner = a.parent;
    // An object initialiser (`new X { Prop = v }`) is an object, not a collection.
    if (child.type === 'assignment_expression' && child.childForFieldName('left')?.type === 'identifier') return;
    if (owner?.type === 'initializer_expression' && child.type !== 'initializer_expression') {
      // `{ "key", value }` inside a dictionary initialiser: the entry is the inner braces.
      return;
    }
    const inner = { start: a.startIndex + 1, end: a.endIndex - 1 };
    if (child.type === 'assignment_expression' && child.childForFieldName('left')?.type === 'element_binding_expression') {
      const key = child.childForFieldName('left')!;
      out.collection = { kind: 'map', range: rangeOf(owner ?? a), entries: items.length, entry: rangeOf(child), inKey: offset >= key.startIndex && offset < key.endIndex, key: rangeOf(key), items: items.map(rangeOf), inner, trailingSeparatorAllowed: true };
      return;
    }
    if (child.type === 'initializer_expression') {
      const key = entries(child)[0];
      out.collection = { kind: 'map', range: rangeOf(owner ?? a), entries: items.length, entry: rangeOf(child), inKey: !!key && offset >= key.startIndex && offset < key.endIndex, ...(key ? { key: rangeOf(key) } : {}), items: items.map(rangeOf), inner, trailingSeparatorAllowed: true };
      return;
    }
    const typeText = owner?.childForFieldName('type')?.text ?? '';
    out.collection = { kind: /Set\b|HashSet/.test(typeText) ? 'set' : 'list', range: rangeOf(owner?.type === 'variable_declarator' ? a : owner ?? a), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf), inner, trailingSeparatorAllowed: true };
    return;
  }
  if (a.type === 'collection_expression' && child.type === 'collection_element') {
    const items = a.namedChildren.filter((c) => c.type === 'collection_element' || c.type === 'spread_element');
    out.collection = { kind: 'list', range: rangeOf(a), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf), inner: { start: a.startIndex + 1, end: a.endIndex - 1 }, trailingSeparatorAllowed: true };
    return;
  }
  if (a.type === 'argument_list' && child.type === 'argument' && a.parent?.type === 'invocation_expression') {
    // ImmutableArray.Create("a", "b") / ImmutableHashSet.Create(...)
    const fn = a.parent.childForFieldName('function');
    if (!/^Immutable\w*\.Create(Range)?$|^(Array|List)\.Of$/.test(fn?.text ?? '')) return;
    const items = a.namedChildren.filter((c) => c.type === 'argument');
    out.collection = { kind: /Set/.test(fn!.text) ? 'set' : 'list', range: rangeOf(a.parent), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf), inner: { start: a.startIndex + 1, end: a.endIndex - 1 }, trailingSeparatorAllowed: false };
    return;
  }
  if (a.type === 'enum_member_declaration_list' && child.type === 'enum_member_declaration') {
    const items = a.namedChildren.filter((c) => c.type === 'enum_member_declaration');
    const name = child.childForFieldName('name');
    out.collection = { kind: 'enum', range: rangeOf(a.parent ?? a), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf), inner: { start: a.startIndex + 1, end: a.endIndex - 1 }, trailingSeparatorAllowed: true, ...(name ? { name: rangeOf(name) } : {}) };
    return;
  }
  if (a.type === 'switch_section' && child.type === 'constant_pattern') {
    const caseTok = child.previousSibling;
    const colon = child.nextSibling;
    const sections = a.parent?.namedChildren.filter((c) => c.type === 'switch_section').length ?? 1;
    out.collection = { kind: 'switch', range: rangeOf(a.parent?.parent ?? a), entries: sections, entry: rangeOf(child), switchStyle: 'line', labelRange: { start: caseTok?.type === 'case' ? caseTok.startIndex : child.startIndex, end: colon?.type === ':' ? colon.endIndex : child.endIndex } };
    return;
  }
  if (a.type === 'switch_expression_arm' && (child.type === 'constant_pattern' || child.type === 'or_pattern')) {
    const sw = a.parent;
    out.collection = { kind: 'switch', range: rangeOf(sw ?? a), entries: sw?.namedChildren.filter((c) => c.type === 'switch_expression_arm').length ?? 1, entry: rangeOf(child.type === 'or_pattern' ? innermostConstant(child, offset) ?? child : child), switchStyle: 'or' };
  }
}

function innermostConstant(n: Node, offset: number): Node | undefined {
  for (const c of n.namedChildren) {
    if (offset < c.startIndex || offset >= c.endIndex) continue;
    if (c.type === 'constant_pattern') return c;
    return innermostConstant(c, offset);
  }
  return undefined;
}

export interface CsRenderContext {
  text: string;
  root: Node;
  analysis: CsAnalysis;
}

type Rendered = { code: string; namespace?: string; names: string[] } | { refused: string };

const csString = (v: string) => `"${escapeDoubleQuoted(v)}"`;

function csNumber(n: number, key: string | undefined): string {
  if ((key === 'temperature' || key === 'top_p') && Number.isInteger(n)) return `${n}.0`;
  return String(n);
}

/** A JSON value as a System.Text.Json.JsonElement expression (fully qualified: no using needed). */
function jsonElement(v: NeutralValue): string {
  if (isRawCode(v)) return v.$code;
  if (v === null || typeof v !== 'object') return `System.Text.Json.JsonSerializer.SerializeToElement(${v === null ? '(object?)null' : typeof v === 'string' ? csString(v) : String(v)})`;
  return `System.Text.Json.JsonDocument.Parse(${csString(JSON.stringify(v))}).RootElement`;
}

/** The typed C# expression for a value at a key path, with the SDK names it uses. */
export function renderCsValue(path: string[], to: NeutralValue, beta: boolean, containerType?: string): Rendered {
  const B = beta ? 'Beta' : '';
  const ns = beta ? BETA_MESSAGES_NAMESPACE : MESSAGES_NAMESPACE;
  if (isRawCode(to)) return { code: relativeCode(to.$code), names: [] };
  const key = path.join('.').replace(/\.\*/g, '[]');
  const obj = typeof to === 'object' && to !== null && !Array.isArray(to) ? (to as Record<string, NeutralValue>) : undefined;
  switch (key) {
    case 'model':
      if (typeof to !== 'string') break;
      return constantForModelId(to) ? { code: `Model.${constantForModelId(to)}`, namespace: MESSAGES_NAMESPACE, names: ['Model'] } : { code: csString(to), names: [] };
    case 'max_tokens':
    case 'top_k':
    case 'temperature':
    case 'top_p':
      if (typeof to === 'number') return { code: csNumber(to, path.at(-1)), names: [] };
      break;
    case 'system':
      if (typeof to === 'string') return { code: csString(to), names: [] };
      break;
    case 'thinking': {
      if (!obj) break;
      if (obj.type === 'adaptive') {
        const cls = `${B}ThinkingConfigAdaptive`;
        if (obj.display === undefined) return { code: `new ${cls}()`, namespace: ns, names: [cls] };
        if (typeof obj.display !== 'string' || !DISPLAY_MEMBERS[obj.display]) return { refused: `no C# member for thinking display ${JSON.stringify(obj.display)}` };
        return { code: `new ${cls} { Display = Display.${DISPLAY_MEMBERS[obj.display]} }`, namespace: ns, names: [cls, 'Display'] };
      }
      if (obj.type === 'disabled') return { code: `new ${B}ThinkingConfigDisabled()`, namespace: ns, names: [`${B}ThinkingConfigDisabled`] };
      if (obj.type === 'enabled' && typeof obj.budget_tokens === 'number') return { code: `new ${B}ThinkingConfigEnabled { BudgetTokens = ${obj.budget_tokens} }`, namespace: ns, names: [`${B}ThinkingConfigEnabled`] };
      break;
    }
    case 'thinking.display': {
      if (typeof to !== 'string' || !DISPLAY_MEMBERS[to]) break;
      if (containerType && /ThinkingConfigEnabled$/.test(containerType)) {
        if (beta) break; // the beta enabled-config display enum is not in the verified table
        return { code: `ThinkingConfigEnabledDisplay.${DISPLAY_MEMBERS[to]}`, namespace: ns, names: ['ThinkingConfigEnabledDisplay'] };
      }
      return { code: `Display.${DISPLAY_MEMBERS[to]}`, namespace: ns, names: ['Display'] };
    }
    case 'output_config': {
      if (!obj) break;
      const cls = `${B}OutputConfig`;
      const members: string[] = [];
      const names = [cls];
      for (const [k, v] of Object.entries(obj)) {
        const r = renderCsValue([...path, k], v, beta, cls);
        if ('refused' in r) return r;
        names.push(...r.names);
        members.push(`${pascalCase(k)} = ${r.code}`);
      }
      return { code: members.length ? initializerBlock(`new ${cls}`, members) : `new ${cls}()`, namespace: ns, names };
    }
    case 'output_config.effort':
      if (typeof to === 'string' && EFFORT_MEMBERS[to]) return { code: `Effort.${EFFORT_MEMBERS[to]}`, namespace: ns, names: ['Effort'] };
      break;
    case 'output_config.format': {
      // JsonOutputFormat sets its own Type (json_schema); Schema is IReadOnlyDictionary<string, JsonElement>.
      if (!obj || obj.type !== 'json_schema' || typeof obj.schema !== 'object' || obj.schema === null || Array.isArray(obj.schema)) break;
      const cls = `${B}JsonOutputFormat`;
      if (isRawCode(obj.schema)) return { code: `new ${cls} { Schema = ${obj.schema.$code} }`, namespace: ns, names: [cls] };
      const entries = Object.entries(obj.schema as Record<string, NeutralValue>).map(([k, v]) => `[${csString(k)}] = ${jsonElement(v)}`);
      return { code: `new ${cls} { Schema = new System.Collections.Generic.Dictionary<string, System.Text.Json.JsonElement> { ${entries.join(', ')} } }`, namespace: ns, names: [cls] };
    }
    case 'messages[]':
      if (obj && typeof obj.content === 'string' && (obj.role === 'user' || obj.role === 'assistant')) {
        return { code: `new() { Role = Role.${obj.role === 'user' ? 'User' : 'Assistant'}, Content = ${csString(obj.content)} }`, namespace: ns, names: ['Role'] };
      }
      break;
  }
  return { refused: `no verified C# rendering for ${path.join('.')} = ${JSON.stringify(to).slice(0, 80)}` };
}

/** Whether the SDK namespace of a rendered value is visible in the file, or why not. */
function namespaceCheck(ctx: CsRenderContext, r: Exclude<Rendered, { refused: string }>): string | undefined {
  if (!r.namespace) return undefined;
  const { usings, unqualifiedTypes } = ctx.analysis;
  const has = (ns: string) => usings.namespaces.has(ns);
  const other = r.namespace === MESSAGES_NAMESPACE ? BETA_MESSAGES_NAMESPACE : MESSAGES_NAMESPACE;
  if (has(r.namespace)) {
    // Both namespaces imported: the unprefixed enums (Role, Effort, Display…) are ambiguous (CS0104).
    if (has(other) && r.names.some((n) => !/^Beta/.test(n) && !/^(ThinkingConfig|OutputConfig|JsonOutputFormat)/.test(n))) return `both ${MESSAGES_NAMESPACE} and ${BETA_MESSAGES_NAMESPACE} are imported: ${r.names.join(', ')} would be ambiguous`;
    return undefined;
  }
  // No using in this file: a global using elsewhere brings the namespace in when the file already names its types unqualified.
  if (!has(other) && unqualifiedTypes.size) return undefined;
  return `cannot tell whether ${r.namespace} is imported here: add \`using ${r.namespace};\` and ${r.names.join(', ')} by hand`;
}

function enclosingObject(ctx: CsRenderContext, r: Range): ListContainer | undefined {
  let best: ListContainer | undefined;
  let size = Infinity;
  for (const [k, c] of ctx.analysis.containers) {
    const [s, e] = k.split(':').map(Number);
    if (c.kind === 'object' && s <= r.start && r.end <= e && e - s < size && !(s === r.start && e === r.end)) {
      best = c;
      size = e - s;
    }
  }
  return best;
}

export function renderCsharp(ctx: CsRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  const finish = (r: Rendered, edit: (code: string) => TextEdit[]): RenderResult => {
    if ('refused' in r) return r;
    const why = namespaceCheck(ctx, r);
    return why ? { refused: why } : { edits: edit(r.code) };
  };
  const syntax: RpcSyntax = {
    lineComment: '//',
    orOperator: '||',
    andOperator: '&&',
    constructsAt: (offset) => csConstructs(ctx.root, offset),
    renderEntry(container, path, key, to) {
      if (container.style === 'anonymous') {
        if (!/^[A-Za-z_]\w*$/.test(key)) return { refused: `${key} is not a valid C# member name` };
        return `${key} = ${anonymousValue(to)}`;
      }
      if (container.style !== 'initializer') return { refused: 'the object is not an object initialiser' };
      const r = renderCsValue(path, to, !!container.beta, container.typeName);
      if ('refused' in r) return r;
      const why = namespaceCheck(ctx, r);
      if (why) return { refused: why };
      return `${pascalCase(key)} = ${r.code}`;
    },
    renderSetValue(value: ValueView, path: string[], to: NeutralValue): RenderResult {
      if (value.kind === 'string' && !value.contentRange) {
        // `new ToolTextEditor20250124()`: the class sets the type, so the class is what changes.
        const cls = value.text.replace(/^.*[.:]/, '');
        const next = typeof to === 'string' && path.at(-1) === 'type' ? TOOL_CLASS_FOR_TYPE[to] : undefined;
        if (next && typeFromClass(cls) === value.literal && /^[\w.:]+$/.test(value.text)) {
          const renamed = `${cls.startsWith('Beta') ? 'Beta' : ''}${next}`;
          return { edits: [{ start: value.range.end - cls.length, end: value.range.end, text: renamed }] };
        }
        return { refused: 'the value is implied by a class name: change the class by hand' };
      }
      if (typeof to === 'string' && value.kind === 'string' && value.contentRange && value.text.startsWith('"')) {
        return { edits: [{ start: value.range.start, end: value.range.end, text: csString(to) }] };
      }
      const owner = enclosingObject(ctx, value.range);
      if (owner?.style === 'anonymous') return { edits: [{ start: value.range.start, end: value.range.end, text: anonymousValue(to) }] };
      // Element of an array: the array's owner decides beta-ness.
      const r = renderCsValue(path, to, !!owner?.beta, owner?.typeName);
      // Target-typed `new() { … }` elements keep their style when the rendered value is an object creation.
      return finish(r, (code) => [{ start: value.range.start, end: value.range.end, text: code }]);
    },
    renameCall: (request) => renameBeta(ctx, request),
  };
  if (intent.kind === 'add-field') {
    const bare = analysis.bareCreations.get(rangeKey(intent.container.range));
    if (bare) {
      const entry = syntax.renderEntry({ kind: 'object', items: [], inner: { start: bare.end, end: bare.end }, trailingSeparatorAllowed: true, style: 'initializer', beta: bare.beta, ...(bare.typeName ? { typeName: bare.typeName } : {}) }, intent.path, intent.key, intent.to);
      if (typeof entry !== 'string') return entry;
      // `new X()` → `new X { Key = v }`; `new()` keeps its parentheses.
      return { edits: [bare.replace ? { start: bare.replace.start, end: bare.replace.end, text: ` { ${entry} }` } : { start: bare.end, end: bare.end, text: ` { ${entry} }` }] };
    }
  }
  const result = renderRpc({ text, analysis, syntax }, intent);
  if (intent.kind === 'remove-field' && 'edits' in result && result.edits.length === 1) {
    // The last member of a one-line initialiser: `new { effort = "low" }` → `new { }`, not `new {  }`.
    const owner = analysis.fieldOwners.get(rangeKey(intent.field.range))?.container;
    const inner = owner && owner.items.length === 1 && (owner.style === 'initializer' || owner.style === 'anonymous') ? text.slice(owner.inner.start, owner.inner.end) : undefined;
    if (owner && inner !== undefined && !inner.includes('\n') && !inner.includes('//')) return { edits: [{ start: owner.inner.start, end: owner.inner.end, text: ' ' }] };
  }
  if (intent.kind === 'remove-definition' && 'edits' in result && result.edits.length === 1) return { edits: [tidyRemovedLines(text, result.edits[0])] };
  return result;
}

/** A removed declaration must not leave a blank line right after `{` or a second blank line in a row. */
function tidyRemovedLines(text: string, e: TextEdit): TextEdit {
  if (e.text !== '' || (e.start > 0 && text[e.start - 1] !== '\n')) return e;
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(e.end));
  if (!blankAfter) return e;
  const before = text.slice(0, e.start).replace(/\r?\n$/, '');
  const prevLine = before.slice(before.lastIndexOf('\n') + 1);
  if (/^[ \t]*$/.test(prevLine) || /\{[ \t]*$/.test(prevLine)) return { ...e, end: e.end + blankAfter[0].length };
  return e;
}

/**
 * Source carried over from elsewhere in the file keeps its absolute indentation on continuation
 * lines; make them relative to its first line (its closing line sits at the first line's indent).
 */
function relativeCode(code: string): string {
  const lines = code.split('\n');
  if (lines.length < 2) return code;
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const base = Math.min(/^[ \t]*/.exec(lines.at(-1)!)![0].length, ...rest.map((l) => /^[ \t]*/.exec(l)![0].length));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(base, /^[ \t]*/.exec(l)![0].length)))].join('\n');
}

/** `new X { A = 1 }` on one line, or Allman-style braces with a member a line when a member spans lines. */
function initializerBlock(head: string, members: string[]): string {
  if (!members.some((m) => m.includes('\n'))) return `${head} { ${members.join(', ')} }`;
  const unit = '    ';
  return `${head}\n{\n${members.map((m) => `${unit}${m.split('\n').map((l, i) => (i === 0 || l === '' ? l : unit + l)).join('\n')},`).join('\n')}\n}`;
}

/** Anonymous-object (raw HTTP body) values: `new { type = "adaptive" }`, `new[] { … }`. */
function anonymousValue(v: NeutralValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return csString(v);
  if (isRawCode(v)) return relativeCode(v.$code);
  if (Array.isArray(v)) return v.length ? `new[] { ${v.map(anonymousValue).join(', ')} }` : 'new object[] { }';
  const entries = Object.entries(v);
  if (entries.some(([k]) => !/^[A-Za-z_]\w*$/.test(k))) return `new System.Collections.Generic.Dictionary<string, object?> { ${entries.map(([k, x]) => `[${csString(k)}] = ${anonymousValue(x)}`).join(', ')} }`;
  return initializerBlock('new', entries.map(([k, x]) => `${k} = ${anonymousValue(x)}`));
}

/**
 * `client.Beta.Messages.Create(p)` → `client.Messages.Create(p)`. The beta params class has the same
 * simple name in another namespace, so the `using` moves too; refused when the file names other beta
 * types or still sets beta flags.
 */
function renameBeta(ctx: CsRenderContext, req: RequestView): RenderResult {
  const { text, analysis } = ctx;
  const seg = analysis.betaSegments.get(rangeKey(req.range));
  if (!seg) return { refused: 'no `.Beta` segment before `.Messages`' };
  if (req.params.fields?.some((f) => f.key === 'betas')) return { refused: 'beta flags are still set on the request' };
  if (analysis.betaTypeNames.size) return { refused: `other beta types remain in the file (${[...analysis.betaTypeNames].slice(0, 3).join(', ')})` };
  const edits: TextEdit[] = [{ start: seg.receiverEnd, end: seg.betaEnd, text: '' }];
  const betaUsing = analysis.usings.nodes.find((u) => u.namedChildren.some((c) => c.text === BETA_MESSAGES_NAMESPACE) && !u.childForFieldName('name'));
  if (betaUsing) {
    if (analysis.usings.namespaces.has(MESSAGES_NAMESPACE)) {
      const ls = text.lastIndexOf('\n', betaUsing.startIndex - 1) + 1;
      const le = text.indexOf('\n', betaUsing.endIndex);
      edits.push({ start: ls, end: le < 0 ? text.length : le + 1, text: '' });
    } else {
      const name = betaUsing.namedChildren.find((c) => c.text === BETA_MESSAGES_NAMESPACE)!;
      edits.push({ start: name.startIndex, end: name.endIndex, text: MESSAGES_NAMESPACE });
    }
  } else if ([...analysis.usings.namespaces].some((n) => n.startsWith('Anthropic.Models.Beta'))) {
    return { refused: 'the file imports beta namespaces: switch them by hand' };
  }
  return { edits };
}
