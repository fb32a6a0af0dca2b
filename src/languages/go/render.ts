// Edit intents → Go source edits. Values are written with anthropic-sdk-go's own types (see sdk.ts
// for where each name was verified); struct fields are `Key: value,` with the trailing comma Go
// requires before a line break, and value columns are re-aligned the way gofmt aligns them.
import type { Node } from 'web-tree-sitter';
import { applyTextEdits, eolOf, indentOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import { isRawCode, type EditIntent, type NeutralValue, type Range, type RenderResult, type TextEdit, type ValueView } from '../types.js';
import { escapeDoubleQuoted, innermost, rangeKey, walk } from '../tree-sitter/common.js';
import { constantForModelId, DISPLAY_CONSTANTS, EFFORT_CONSTANTS, FIELD_NAMES } from './sdk.js';
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
  if (isRawCode(v)) return v.$code;
  if (v === null) return 'nil';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]any{${v.map(goJson).join(', ')}}`;
  return `map[string]any{${Object.entries(v).map(([k, x]) => `${goString(k)}: ${goJson(x)}`).join(', ')}}`;
}

/** Render `to` for the value at canonical `path` in SDK syntax, or refuse when the Go type is unknown. */
export function renderGoValue(path: string[], to: NeutralValue, sdk: string, beta: boolean, containerType?: string): Rendered {
  if (isRawCode(to)) return { code: to.$code };
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
function withAlignment(text: string, container: GoContainer, edit: TextEdit, newItems: (after: string) => Range[]): TextEdit[] {
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
    } else if (f.end <= edit.start) out.push(f);
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
      return { edits: withAlignment(text, c, edit, shiftedItems(c.items, edit, { text: item })) };
    }

    case 'remove-field': {
      const c = containerOf(intent.container);
      if (intent.field.implicit) return { refused: 'the field is implied by a constructor and has no source of its own' };
      if (!c) return { refused: 'the object is not a literal in this file' };
      const index = c.items.findIndex((r) => r.start === intent.field.range.start && r.end === intent.field.range.end);
      if (index < 0) return { refused: 'the field is not an element of its object literal' };
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
  // Rename the params type where it is written; every other Beta type in the file would also need renaming.
  const sdk = analysis.imports.sdk ?? 'anthropic';
  const renamed = new Set<number>();
  const paramsNode = info.paramsNode;
  if (paramsNode?.type === 'composite_literal') {
    const typeNode = paramsNode.childForFieldName('type');
    const nameNode = typeNode?.type === 'qualified_type' ? typeNode.childForFieldName('name') : null;
    if (!nameNode || !/^Beta(MessageNewParams|MessageCountTokensParams|MessageBatchNewParams)$/.test(nameNode.text)) return { refused: 'the params type is not a Beta message params struct' };
    if (info.paramsDefinition && (analysis.definitions.get(info.paramsDefinition.name)?.length ?? 0) > 1) return { refused: 'the params variable is defined more than once' };
    edits.push({ start: nameNode.startIndex, end: nameNode.endIndex, text: nameNode.text.replace(/^Beta/, '') });
    renamed.add(nameNode.id);
  } else if (paramsNode) {
    return { refused: 'the params are built elsewhere: rename their Beta type by hand' };
  }
  const others: string[] = [];
  walk(root, (n) => {
    if (n.type === 'qualified_type' || n.type === 'selector_expression') {
      const pkg = n.type === 'qualified_type' ? n.childForFieldName('package') : n.childForFieldName('operand');
      const name = n.type === 'qualified_type' ? n.childForFieldName('name') : n.childForFieldName('field');
      if (pkg?.text === sdk && name && /^(New)?Beta/.test(name.text) && !renamed.has(name.id)) others.push(name.text);
    }
    if (n.type === 'field_identifier' && n.text === 'Betas') others.push('Betas');
  });
  if (others.length) return { refused: `other beta types remain in the file (${[...new Set(others)].slice(0, 4).join(', ')}): moving off the beta namespace needs them renamed too` };
  return { edits };
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

