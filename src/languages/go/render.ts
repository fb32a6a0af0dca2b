// Edit intents → Go source edits. Values are written with anthropic-sdk-go's own types (see sdk.ts
// for where each name was verified); struct fields are `Key: value,` with the trailing comma Go
// requires before a line break, and value columns are re-aligned the way gofmt aligns them.
import type { Node } from 'web-tree-sitter';
import { applyTextEdits, eolOf, indentOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import { isRawCode, type EditIntent, type NeutralValue, type Range, type RenderResult, type TextEdit, type ValueView } from '../types.js';
import { dedentContinuation, escapeDoubleQuoted, innermost, rangeKey, walk } from '../tree-sitter/common.js';
import { constantForModelId, DISPLAY_CONSTANTS, EFFORT_CONSTANTS, FIELD_NAMES, WRITABLE_TOOL_STRUCTS, betaTwin } from './sdk.js';
import type { GoAnalysis, GoContainer } from './views.js';
import { alongsideGo } from './alongside.js';

export interface GoRenderContext {
  text: string;
  root: Node;
  analysis: GoAnalysis;
}

type Rendered = { code: string } | { refused: string };

const LINE_COMMENT = ['//'];

function goString(value: string): string {
  return `"${escapeDoubleQuoted(value)}"`;
}

export function goFieldName(key: string): string {
  return FIELD_NAMES[key] ?? key.split('_').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A JSON value as Go (`map[string]any{…}`, `[]any{…}`) — used inside JSON-schema maps. */
function goJson(v: NeutralValue): string {
  if (isRawCode(v)) return dedentContinuation(v.$code);
  if (v === null) return 'nil';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]any{${v.map(goJson).join(', ')}}`;
  return `map[string]any{${Object.entries(v).map(([k, x]) => `${goString(k)}: ${goJson(x)}`).join(', ')}}`;
}

/** Render `to` for the value at canonical `path` in SDK syntax, or refuse when the Go type is unknown. */
export function renderGoValue(path: string[], to: NeutralValue, sdk: string, beta: boolean, containerType?: string): Rendered {
  if (isRawCode(to)) return { code: dedentContinuation(to.$code) };
  const B = beta ? 'Beta' : '';
  const key = path.join('.').replace(/\.\*/g, '[]');
  const obj = typeof to === 'object' && to !== null && !Array.isArray(to) ? (to as Record<string, NeutralValue>) : undefined;
  switch (key) {
    case 'model':
      if (typeof to !== 'string') break;
      // Model is a string type in the SDK: a literal compiles when no constant exists yet.
      return { code: constantForModelId(to) ? `${sdk}.${constantForModelId(to)}` : goString(to) };
    case 'max_tokens':
      if (typeof to === 'number') return { code: String(to) };
      break;
    case 'temperature':
    case 'top_p':
      if (typeof to === 'number') return { code: `${sdk}.Float(${to})` };
      break;
    case 'top_k':
      if (typeof to === 'number') return { code: `${sdk}.Int(${to})` };
      break;
    case 'system':
      if (typeof to === 'string') return { code: `[]${sdk}.${B}TextBlockParam{{Text: ${goString(to)}}}` };
      break;
    case 'thinking': {
      if (!obj) break;
      const type = obj.type;
      if (type === 'adaptive') {
        const display = obj.display;
        if (display !== undefined && (typeof display !== 'string' || !DISPLAY_CONSTANTS[display])) return { refused: `no Go constant for thinking display ${JSON.stringify(display)}` };
        const inner = typeof display === 'string' ? `Display: ${sdk}.${B}ThinkingConfigAdaptiveDisplay${DISPLAY_CONSTANTS[display]}` : '';
        return { code: `${sdk}.${B}ThinkingConfigParamUnion{OfAdaptive: &${sdk}.${B}ThinkingConfigAdaptiveParam{${inner}}}` };
      }
      if (type === 'disabled') return { code: `${sdk}.${B}ThinkingConfigParamUnion{OfDisabled: &${sdk}.${B}ThinkingConfigDisabledParam{}}` };
      if (type === 'enabled' && typeof obj.budget_tokens === 'number') return { code: `${sdk}.${B}ThinkingConfigParamOfEnabled(${obj.budget_tokens})` };
      break;
    }
    case 'thinking.display': {
      if (typeof to !== 'string' || !DISPLAY_CONSTANTS[to]) break;
      const variant = containerType && /ThinkingConfigEnabledParam/.test(containerType) ? 'Enabled' : 'Adaptive';
      return { code: `${sdk}.${B}ThinkingConfig${variant}Display${DISPLAY_CONSTANTS[to]}` };
    }
    case 'output_config': {
      if (!obj) break;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(obj)) {
        const r = renderGoValue([...path, k], v, sdk, beta);
        if ('refused' in r) return r;
        parts.push(`${goFieldName(k)}: ${r.code}`);
      }
      return { code: `${sdk}.${B}OutputConfigParam{${parts.join(', ')}}` };
    }
    case 'output_config.effort':
      if (typeof to === 'string' && EFFORT_CONSTANTS[to]) return { code: `${sdk}.${B}OutputConfigEffort${EFFORT_CONSTANTS[to]}` };
      break;
    case 'output_config.format': {
      if (!obj || obj.type !== 'json_schema') break;
      // JSONOutputFormatParam.Type is a constant that marshals as "json_schema" when left out.
      return { code: `${sdk}.${B}JSONOutputFormatParam{Schema: ${goJson(obj.schema ?? {})}}` };
    }
    case 'messages[]': {
      if (!obj || typeof obj.content !== 'string') break;
      if (obj.role === 'user') return { code: `${sdk}.New${B}UserMessage(${sdk}.New${B}TextBlock(${goString(obj.content)}))` };
      // The SDK has NewAssistantMessage but no NewBetaAssistantMessage.
      if (obj.role === 'assistant' && !beta) return { code: `${sdk}.NewAssistantMessage(${sdk}.NewTextBlock(${goString(obj.content)}))` };
      break;
    }
  }
  return { refused: `no verified Go rendering for ${path.join('.')} = ${JSON.stringify(to).slice(0, 80)}` };
}

// ------------------------------------------------------------------ gofmt alignment

interface KeyedLine { item: Range; keyEnd: number; valueStart: number }

/** `Key: value` items that sit alone on one line (the cells gofmt aligns). */
function keyedLine(text: string, item: Range): KeyedLine | undefined {
  const slice = text.slice(item.start, item.end);
  if (slice.includes('\n')) return undefined;
  const m = /^([A-Za-z_]\w*|"(?:[^"\\]|\\.)*"):([ \t]*)/.exec(slice);
  if (!m) return undefined;
  return { item, keyEnd: item.start + m[1].length + 1, valueStart: item.start + m[0].length };
}

/**
 * Whitespace edits that give a run of consecutive one-line `Key: value` items gofmt's alignment:
 * values start one space after the longest key. Sections end at multi-line items, blank lines and
 * comment lines, as in gofmt.
 */
function alignEdits(text: string, items: Range[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let section: KeyedLine[] = [];
  const flush = () => {
    if (section.length > 1) {
      const width = Math.max(...section.map((l) => l.keyEnd - l.item.start));
      for (const l of section) {
        const pad = ' '.repeat(width - (l.keyEnd - l.item.start) + 1);
        if (text.slice(l.keyEnd, l.valueStart) !== pad) edits.push({ start: l.keyEnd, end: l.valueStart, text: pad });
      }
    } else if (section.length === 1) {
      const l = section[0];
      if (text.slice(l.keyEnd, l.valueStart) !== ' ') edits.push({ start: l.keyEnd, end: l.valueStart, text: ' ' });
    }
    section = [];
  };
  let prevLineEnd = -1;
  for (const item of items) {
    const kl = keyedLine(text, item);
    const lineStart = lineStartOf(text, item.start);
    const adjacent = prevLineEnd >= 0 && text.slice(prevLineEnd, lineStart).replace(/\r/g, '') === '\n';
    const alone = /^[ \t]*$/.test(text.slice(lineStart, item.start)) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(text.slice(item.end, lineEndOf(text, item.end)));
    if (!kl || !alone || !adjacent) flush();
    if (kl && alone) section.push(kl);
    prevLineEnd = lineEndOf(text, item.end);
  }
  flush();
  return edits;
}

/** Compose an edit with gofmt re-alignment of the container it changed, as minimal edits on the original text. */
function withAlignment(text: string, container: GoContainer, edit: TextEdit, newItems: (after: string) => Range[], onlyInserted = false): TextEdit[] {
  const wasAligned = alignEdits(text, container.items).length === 0;
  if (!wasAligned) return [edit]; // the input was not gofmt-formatted: do not start formatting it
  const after = applyTextEdits(text, [edit]);
  const fixes = alignEdits(after, newItems(after));
  if (!fixes.length) return [edit];
  // Map alignment fixes (offsets in `after`) back onto the original text; fixes inside the inserted text are folded into it.
  const delta = edit.text.length - (edit.end - edit.start);
  const out: TextEdit[] = [];
  let inserted = edit.text;
  const insertedStart = edit.start;
  for (const f of [...fixes].sort((a, b) => b.start - a.start)) {
    if (f.start >= insertedStart && f.end <= insertedStart + edit.text.length) {
      inserted = inserted.slice(0, f.start - insertedStart) + f.text + inserted.slice(f.end - insertedStart);
    } else if (onlyInserted) continue;
    else if (f.end <= edit.start) out.push(f);
    else if (f.start >= edit.start + edit.text.length) out.push({ start: f.start - delta, end: f.end - delta, text: f.text });
    else return [edit]; // overlaps the edit boundary: keep the plain edit
  }
  out.push({ ...edit, text: inserted });
  return out;
}

/** Item ranges of the container after `edit`, found again by position (items are unchanged text). */
function shiftedItems(items: Range[], edit: TextEdit, insertedItem?: { text: string }): (after: string) => Range[] {
  return (after: string) => {
    const delta = edit.text.length - (edit.end - edit.start);
    const out: Range[] = [];
    for (const r of items) {
      if (r.end <= edit.start) out.push(r);
      else if (r.start >= edit.end) out.push({ start: r.start + delta, end: r.end + delta });
      else if (r.start <= edit.start && edit.end <= r.end && (edit.start > r.start || edit.end < r.end)) out.push({ start: r.start, end: r.end + delta });
      // items inside a removal disappear
    }
    if (insertedItem) {
      const at = after.indexOf(insertedItem.text, edit.start);
      if (at >= 0) out.push({ start: at, end: at + insertedItem.text.length });
      out.sort((a, b) => a.start - b.start);
    }
    return out;
  };
}

// ------------------------------------------------------------------ intents

export function renderGo(ctx: GoRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis } = ctx;
  const sdk = analysis.imports.sdk ?? 'anthropic';
  const containerOf = (v: ValueView) => analysis.containers.get(rangeKey(v.range));
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };

    case 'set-value': {
      const v = intent.value;
      if (v.range.start === v.range.end || v.text === '') return { refused: 'the value has no source of its own' };
      // A server tool's type is its Go struct (`anthropic.ToolTextEditor20250124Param{}`): swap the struct.
      if (v.kind === 'string' && !v.contentRange && intent.path.join('.') === 'tools.*.type' && typeof intent.to === 'string') return swapToolStruct(ctx, v, intent.to);
      if (v.kind === 'string' && !v.contentRange) return { refused: 'the value is implied by a Go type or constructor name: change that name by hand' };
      // A string literal stays a string literal (model IDs included); SDK constants are rendered per key path.
      if (typeof intent.to === 'string' && v.kind === 'string' && v.contentRange) {
        // Only the literal itself: a wrapper such as anthropic.String("…") stays.
        return { edits: [{ start: v.contentRange.start - 1, end: v.contentRange.end + 1, text: goString(intent.to) }] };
      }
      const containerType = enclosingContainerType(ctx, v.range);
      const beta = isBetaAt(ctx, v);
      // Inside a map[string]any (a raw HTTP body) values are plain JSON, not SDK types.
      const r = parentContainer(ctx, v.range, 'map') ? { code: goJson(intent.to) } : renderGoValue(intent.path, intent.to, sdk, beta, containerType);
      if ('refused' in r) return r;
      const edit = { start: v.range.start, end: v.range.end, text: r.code };
      // A value going from several lines to one joins gofmt's alignment section: re-align its struct.
      const parent = parentContainer(ctx, v.range, 'struct') ?? parentContainer(ctx, v.range, 'map');
      return { edits: parent ? withAlignment(text, parent, edit, shiftedItems(parent.items, edit)) : [edit] };
    }

    case 'add-field': {
      const c = containerOf(intent.container);
      if (!c || (c.kind !== 'struct' && c.kind !== 'map')) return { refused: 'the object is not a Go struct or map literal in this file' };
      const r = c.kind === 'map' ? { code: goJson(intent.to) } : renderGoValue(intent.path, intent.to, sdk, c.beta, c.typeText);
      if ('refused' in r) return r;
      const item = c.kind === 'map' ? `${goString(intent.key)}: ${r.code}` : `${goFieldName(intent.key)}: ${r.code}`;
      const edit = insertListItem(text, { items: c.items, separator: ',', trailingSeparatorAllowed: true, lineComment: LINE_COMMENT, inner: c.inner, indentUnit: '\t' }, item);
      // Only the new line is aligned: re-aligning its neighbours here would collide with a removal in the
      // same container rendered for the same finding (output_format → output_config.format).
      return { edits: withAlignment(text, c, edit, shiftedItems(c.items, edit, { text: item }), true) };
    }

    case 'remove-field': {
      const c = containerOf(intent.container);
      if (intent.field.implicit) return { refused: 'the field is implied by a constructor and has no source of its own' };
      if (!c) return { refused: 'the object is not a literal in this file' };
      const index = c.items.findIndex((r) => r.start === intent.field.range.start && r.end === intent.field.range.end);
      if (index < 0) return { refused: 'the field is not an element of its object literal' };
      if (c.kind === 'stmts') return removeStatementLine(text, intent.field.range);
      const edit = removeListItem(text, { items: c.items, separator: ',', trailingSeparatorAllowed: true, lineComment: LINE_COMMENT }, index);
      if (c.kind === 'args') return { edits: [edit] };
      return { edits: withAlignment(text, c, edit, shiftedItems(c.items, edit)) };
    }

    case 'remove-element': {
      const c = containerOf(intent.array);
      if (!c || c.kind !== 'slice') return { refused: 'the list is not a Go slice literal in this file' };
      const index = c.items.findIndex((r) => r.start <= intent.element.range.start && intent.element.range.end <= r.end);
      if (index < 0) return { refused: 'the element is not in its slice literal' };
      return { edits: [removeListItem(text, { items: c.items, separator: ',', trailingSeparatorAllowed: true, lineComment: LINE_COMMENT }, index)] };
    }

    case 'rename-call':
      return renameBetaCall(ctx, intent.request);

    case 'insert-comment': {
      const lineStart = lineStartOf(text, intent.at);
      const indent = indentOf(text, intent.at);
      const eol = eolOf(text);
      const body = intent.text.split(/\r?\n/).map((l) => `${indent}//${l ? ' ' + l : ''}${eol}`).join('');
      return { edits: [{ start: lineStart, end: lineStart, text: body }] };
    }

    case 'add-alongside':
      return alongsideGo(ctx, intent.at, intent.from, intent.to);

    case 'remove-definition': {
      const via = intent.value.via;
      if (!via || via.external) return { refused: 'the value has no definition in this file' };
      return removeDefinition(ctx, via.definitionRange);
    }
  }
}

/** The struct (or map) literal whose `Key: value` element holds exactly this value. */
function parentContainer(ctx: GoRenderContext, r: Range, kind: 'struct' | 'map'): GoContainer | undefined {
  let best: GoContainer | undefined;
  for (const c of ctx.analysis.containers.values()) {
    if (c.kind !== kind) continue;
    const item = c.items.find((i) => i.start < r.start && i.end === r.end);
    if (item && (!best || c.inner.end - c.inner.start < best.inner.end - best.inner.start)) best = c;
  }
  return best;
}

function enclosingContainerType(ctx: GoRenderContext, r: Range): string | undefined {
  let best: GoContainer | undefined;
  let bestSize = Infinity;
  for (const [key, c] of ctx.analysis.containers) {
    const [s, e] = key.split(':').map(Number);
    if (s <= r.start && r.end <= e && e - s < bestSize && !(s === r.start && e === r.end)) { best = c; bestSize = e - s; }
  }
  return best?.typeText;
}

/** Whether the value sits in beta-typed code (its own type or the nearest enclosing literal uses `Beta…` types). */
function isBetaAt(ctx: GoRenderContext, v: ValueView): boolean {
  if (/\bBeta|\.NewBeta/.test(v.text) || /^Beta/.test(v.typeName?.replace(/^\w+\./, '') ?? '')) return true;
  for (const req of ctx.analysis.view.requests) {
    if (req.beta && req.params.range.start <= v.range.start && v.range.end <= req.params.range.end) return true;
  }
  let best: GoContainer | undefined;
  let bestSize = Infinity;
  for (const [key, c] of ctx.analysis.containers) {
    const [s, e] = key.split(':').map(Number);
    if (s <= v.range.start && v.range.end <= e && e - s < bestSize) { best = c; bestSize = e - s; }
  }
  return best?.beta ?? false;
}

/** `client.Beta.Messages.New(ctx, anthropic.BetaMessageNewParams{…})` → `client.Messages.New(ctx, anthropic.MessageNewParams{…})`. */
function renameBetaCall(ctx: GoRenderContext, req: import('../types.js').RequestView): RenderResult {
  const { root, analysis } = ctx;
  const info = [...analysis.requestNodes.entries()].find(([r]) => r.range.start === req.range.start && r.range.end === req.range.end && r.method === req.method)?.[1];
  if (!info || !req.beta) return { refused: 'not a beta-namespace SDK call in this file' };
  const fn = info.call.childForFieldName('function');
  if (!fn) return { refused: 'no callee' };
  const edits: TextEdit[] = [];
  // Drop the `.Beta` selector.
  let betaSel: Node | undefined;
  walk(fn, (n) => {
    if (n.type === 'selector_expression' && n.childForFieldName('field')?.text === 'Beta') betaSel = n;
  });
  if (!betaSel) return { refused: 'no .Beta selector in the callee' };
  const operand = betaSel.childForFieldName('operand')!;
  edits.push({ start: operand.endIndex, end: betaSel.endIndex, text: '' });
  // Beta types written inside the call (params type, message builders) move with it when the SDK has
  // a non-beta twin for each; Beta types anywhere else in the file would need renaming too: refused.
  const sdk = analysis.imports.sdk ?? 'anthropic';
  const paramsNode = info.paramsNode;
  if (paramsNode && paramsNode.type !== 'composite_literal') return { refused: 'the params are built elsewhere: rename their Beta type by hand' };
  if (paramsNode && !/^Beta(MessageNewParams|MessageCountTokensParams|MessageBatchNewParams)$/.test(paramsNode.childForFieldName('type')?.childForFieldName('name')?.text ?? '')) return { refused: 'the params type is not a Beta message params struct' };
  if (info.paramsDefinition && (analysis.definitions.get(info.paramsDefinition.name)?.length ?? 0) > 1) return { refused: 'the params variable is defined more than once' };
  const inside = (n: Node) => [info.call, paramsNode].some((c) => c && c.startIndex <= n.startIndex && n.endIndex <= c.endIndex);
  const others: string[] = [];
  const untwinned: string[] = [];
  walk(root, (n) => {
    if (n.type === 'qualified_type' || n.type === 'selector_expression') {
      const pkg = n.type === 'qualified_type' ? n.childForFieldName('package') : n.childForFieldName('operand');
      const name = n.type === 'qualified_type' ? n.childForFieldName('name') : n.childForFieldName('field');
      if (pkg?.text !== sdk || !name || !/^(New)?Beta/.test(name.text)) return;
      if (!inside(n)) others.push(name.text);
      else {
        const twin = betaTwin(name.text);
        if (twin) edits.push({ start: name.startIndex, end: name.endIndex, text: twin });
        else untwinned.push(name.text);
      }
    }
  });
  if (req.params.fields?.some((f) => f.key === 'betas')) return { refused: 'beta flags (Betas) are still set on the request' };
  if (untwinned.length) return { refused: `no verified non-beta twin for ${[...new Set(untwinned)].slice(0, 4).join(', ')}` };
  if (others.length) return { refused: `other beta types remain in the file (${[...new Set(others)].slice(0, 4).join(', ')}): moving off the beta namespace needs them renamed too` };
  return { edits };
}

function removeStatementLine(text: string, r: Range): RenderResult {
  const lineStart = lineStartOf(text, r.start);
  const lineEnd = lineEndOf(text, r.end);
  if (!/^[ \t]*$/.test(text.slice(lineStart, r.start)) || !/^[ \t]*;?[ \t]*(\/\/.*)?$/.test(text.slice(r.end, lineEnd))) return { refused: 'the statement shares its line with other code' };
  return { edits: [{ start: lineStart, end: nextLineStart(text, r.end), text: '' }] };
}

function removeDefinition(ctx: GoRenderContext, r: Range): RenderResult {
  const { text, root } = ctx;
  const stmt = innermost(root, r.start, (n) => n.startIndex === r.start && n.endIndex === r.end);
  if (!stmt) return { refused: 'definition not found' };
  let target = stmt;
  if (stmt.type === 'const_spec' || stmt.type === 'var_spec') {
    if (stmt.childrenForFieldName('name').length !== 1) return { refused: 'the definition declares several names' };
    const decl = stmt.parent;
    const specs = decl?.namedChildren.filter((c) => c.type === stmt.type) ?? [];
    if (decl && specs.length === 1) target = decl;
  } else if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    if ((stmt.childForFieldName('left')?.namedChildren.length ?? 0) !== 1) return { refused: 'the definition assigns several names' };
  } else return { refused: 'the definition is not a statement of its own' };
  const lineStart = lineStartOf(text, target.startIndex);
  const lineEnd = lineEndOf(text, target.endIndex);
  const before = text.slice(lineStart, target.startIndex);
  const after = text.slice(target.endIndex, lineEnd);
  if (!/^[ \t]*$/.test(before) || !/^[ \t]*;?[ \t]*$/.test(after)) return { refused: 'the definition shares its line with other code' };
  let end = nextLineStart(text, target.endIndex);
  // Between two blank lines, take one of them too so no double blank line is left behind.
  const prevBlank = lineStart > 0 && /^[ \t]*\r?$/.test(text.slice(lineStartOf(text, lineStart - 1), lineStart - 1));
  const nextLine = text.slice(end, lineEndOf(text, end));
  if (prevBlank && end < text.length && /^[ \t]*$/.test(nextLine)) end = nextLineStart(text, end);
  return { edits: [{ start: lineStart, end, text: '' }] };
}


/**
 * tool-version for a tool written as its SDK struct: `anthropic.ToolTextEditor20250124Param{}` →
 * `anthropic.ToolTextEditor20250728Param{}`, and the union field holding it (`OfTextEditor20250124:`
 * → `OfTextEditor20250728:`), whether the struct sits in the union literal or in a variable put there.
 * The struct's Name/Type are SDK constants, so the paired name changes with it. Refused when the old
 * struct is also named as a type elsewhere (a variable or result type) that this edit would not follow.
 */
function swapToolStruct(ctx: GoRenderContext, v: ValueView, to: string): RenderResult {
  const { root, analysis } = ctx;
  const from = typeof v.literal === 'string' ? v.literal : '';
  const oldM = /^([a-z_]+)_(\d{8})$/.exec(from);
  const newM = /^([a-z_]+)_(\d{8})$/.exec(to);
  if (!oldM || !newM || oldM[1] !== newM[1]) return { refused: `cannot map tool type ${from} to ${to}` };
  const typeNode = innermost(root, v.range.start, (n) => n.type === 'qualified_type' && n.startIndex === v.range.start && n.endIndex === v.range.end);
  const nameNode = typeNode?.childForFieldName('name');
  const composite = typeNode?.parent;
  if (!typeNode || !nameNode || composite?.type !== 'composite_literal' || typeNode.childForFieldName('package')?.text !== (analysis.imports.sdk ?? 'anthropic')) {
    return { refused: 'the tool type is not an SDK struct literal' };
  }
  const newName = nameNode.text.replace(oldM[2], newM[2]);
  const unionKey = WRITABLE_TOOL_STRUCTS[newName];
  if (!unionKey || newName === nameNode.text) return { refused: `no verified Go struct for ${to} (from ${nameNode.text})` };
  const edits: TextEdit[] = [{ start: nameNode.startIndex, end: nameNode.endIndex, text: newName }];
  const oldKey = unionKey.replace(newM[2], oldM[2]);
  // The union field holding this struct: directly (`OfX: &T{}`), or through a variable (`editor := T{}` … `OfX: &editor`).
  const holders: Node[] = [composite];
  let up: Node | null = composite.parent;
  if (up?.type === 'unary_expression') up = up.parent;
  if (up?.type === 'expression_list') up = up.parent;
  if (up && (up.type === 'short_var_declaration' || up.type === 'var_spec' || up.type === 'assignment_statement')) {
    const defs = [...analysis.definitions.values()].flat().filter((d) => d.statement.id === up!.id);
    if (defs.length !== 1) return { refused: 'the tool struct is assigned together with other names' };
    const def = defs[0];
    walk(def.scope ?? root, (n) => {
      if (n.type === 'identifier' && n.text === def.name && n.id !== def.nameNode.id) holders.push(n);
    });
  }
  const unionKeys: Node[] = [];
  for (const h of holders) {
    let p: Node | null = h.parent;
    if (p?.type === 'unary_expression') p = p.parent;
    if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element' && p.parent.namedChildren.filter((c) => c.type !== 'comment')[1]?.id === p.id) {
      const keyEl = p.parent.namedChildren.filter((c) => c.type !== 'comment')[0];
      const key = keyEl?.namedChildren[0] ?? keyEl;
      if (key?.text === oldKey) unionKeys.push(key);
    }
  }
  for (const k of unionKeys) edits.push({ start: k.startIndex, end: k.endIndex, text: unionKey });
  // Other mentions of the old struct as a type (`var t anthropic.ToolTextEditor20250124Param`) would no longer match.
  let stray = false;
  walk(root, (n) => {
    if (n.type === 'qualified_type' && n.id !== typeNode.id && n.childForFieldName('name')?.text === nameNode.text && n.parent?.type !== 'composite_literal') stray = true;
  });
  if (stray) return { refused: `${nameNode.text} is also named as a type elsewhere in the file: change the tool version by hand` };
  return { edits };
}
