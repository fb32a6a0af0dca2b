// Pieces shared by the Ruby, PHP and C# adapters (all three keep request parameters in a
// separator-delimited literal: keyword arguments / hashes, named arguments / arrays, object
// initialisers). Each adapter records its literals as `ListContainer`s while building the view; the
// renderer here then removes and inserts entries with the edit-helpers, writes comments, removes
// definitions and duplicates registry entries / gates / asserts (add-alongside). Language syntax
// comes in through small hooks (`RpcSyntax`).
import { eolOf, indentOf, indentUnitOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import type { EditIntent, NeutralValue, OffsetContext, Range, RenderResult, RequestView, ResponseUse, TextEdit, ValueView } from '../types.js';
import { contains, dedentContinuation, rangeKey, renameIdentifierForModel } from './common.js';

/** A literal whose entries can be removed / added: call arguments, hash, array, initialiser. */
export interface ListContainer {
  kind: 'object' | 'array';
  /** Every entry in order (fields, splats, elements). */
  items: Range[];
  /** Between the brackets / parentheses (the argument list itself for a paren-less Ruby call). */
  inner: Range;
  trailingSeparatorAllowed: boolean;
  /** Separator between entries (`,`; `` for a Ruby `%w[]` word list). */
  separator?: string;
  /** Language flavour the renderer writes new entries in (e.g. `kwargs`, `hash`, `named-args`, `initializer`). */
  style: string;
  /** Part of the entries come from a splat / spread of something not visible here. */
  opaque?: boolean;
  /** Beta namespace (typed SDKs pick Beta* class names). */
  beta?: boolean;
  /** Typed SDKs: the class of the object (`MessageCreateParams`, `ThinkingConfigEnabled`). */
  typeName?: string;
}

export interface RpcAnalysis {
  view: import('../types.js').FileView;
  /** Keyed by rangeKey of the ValueView range. */
  containers: Map<string, ListContainer>;
  /** Keyed by rangeKey of the FieldView range: the container holding the field and its entry index. */
  fieldOwners: Map<string, { container: ListContainer; index: number }>;
  /** Keyed by rangeKey of a resolved value's range: the whole statement defining it (for remove-definition). */
  definitions: Map<string, Range>;
  /** Request `model` values and their definitions (contextAt.requestModel). */
  modelRanges: Range[];
}

/** The constructs enclosing an offset, as ranges (each adapter finds them in its own tree). */
export interface Constructs {
  collection?: {
    kind: 'map' | 'list' | 'set' | 'enum' | 'switch';
    range: Range;
    entries: number;
    /** The entry holding the offset (a whole pair for a map, a member for an enum, a pattern for a switch). */
    entry: Range;
    inKey?: boolean;
    /** list/set/map/enum: every entry and the inside of the brackets, to insert after `entry`. */
    items?: Range[];
    inner?: Range;
    trailingSeparatorAllowed?: boolean;
    separator?: string;
    /** map: the key of `entry` (a copy must change it, or it would be a duplicate key). */
    key?: Range;
    /** enum: the member name (renamed for the new model). */
    name?: Range;
    /** switch: how another label is added: `list` appends `, copy` after the pattern, `or`/`pipe` joins with ` or ` / ` | `, `line` adds `case copy:` on its own line before the label `labelRange`. */
    switchStyle?: 'list' | 'or' | 'pipe' | 'line';
    labelRange?: Range;
    /** map: the list literal this map is one item of (a record in a table of records), as a collection. */
    record?: Omit<NonNullable<Constructs['collection']>, 'record'>;
  };
  gate?: { range: Range; negative: boolean; needParens: boolean; /** operands written without parentheses (Ruby `m.include? "x"`): each side is wrapped. */ wrapSides?: boolean };
  assert?: Range;
}

export interface RpcSyntax {
  lineComment: string;
  /** Render a field (key and value) to add to `container`, or refuse. */
  renderEntry(container: ListContainer, path: string[], key: string, to: NeutralValue): string | { refused: string };
  /** Replace a value, or refuse. */
  renderSetValue(value: ValueView, path: string[], to: NeutralValue): RenderResult;
  /** Drop the beta segment of a request's callee (and whatever else the language needs). */
  renameCall(request: RequestView): RenderResult;
  constructsAt(offset: number): Constructs;
  /** `||` for all three languages. */
  orOperator: string;
  andOperator: string;
}

export interface RpcRenderContext {
  text: string;
  analysis: RpcAnalysis;
  syntax: RpcSyntax;
}

function listShape(c: ListContainer, lineComment: string) {
  return { items: c.items, separator: c.separator ?? ',', trailingSeparatorAllowed: c.trailingSeparatorAllowed, lineComment: [lineComment] };
}

/** Removals computed on the same text may touch (neighbouring entries): join touching ones. */
export function mergeTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out.at(-1);
    if (prev && e.start <= prev.end) out[out.length - 1] = { start: prev.start, end: Math.max(prev.end, e.end), text: prev.text + e.text };
    else out.push({ ...e });
  }
  return out;
}

export function renderRpc(ctx: RpcRenderContext, intent: EditIntent): RenderResult {
  const { text, analysis, syntax } = ctx;
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };

    case 'set-value':
      if (intent.value.via?.external) return { refused: `the value is defined in ${intent.value.via.external}` };
      return syntax.renderSetValue(intent.value, intent.path, intent.to);

    case 'remove-field': {
      if (intent.field.implicit) return { refused: 'the field is implied by a class name and has no source of its own' };
      const owner = analysis.fieldOwners.get(rangeKey(intent.field.range));
      if (!owner) return { refused: 'the field is not an entry of a literal in this file' };
      return { edits: [removeListItem(text, listShape(owner.container, syntax.lineComment), owner.index)] };
    }

    case 'remove-element': {
      const c = analysis.containers.get(rangeKey(intent.array.range));
      if (!c || c.kind !== 'array') return { refused: 'the array is not a literal in this file' };
      const index = c.items.findIndex((r) => r.start === intent.element.range.start && r.end === intent.element.range.end);
      if (index < 0) return { refused: 'the element is not an item of the array' };
      return { edits: [removeListItem(text, listShape(c, syntax.lineComment), index)] };
    }

    case 'add-field': {
      const c = analysis.containers.get(rangeKey(intent.container.range));
      if (!c || c.kind !== 'object') return { refused: 'the object is not a literal in this file' };
      if (c.opaque) return { refused: 'the parameters are partly splatted from a value not visible here: the key may already be set' };
      if (intent.container.fields?.some((f) => f.key === intent.key && !f.implicit)) return { refused: `${intent.key} is already set` };
      const entry = syntax.renderEntry(c, intent.path, intent.key, intent.to);
      if (typeof entry !== 'string') return entry;
      return { edits: [insertListItem(text, { ...listShape(c, syntax.lineComment), inner: c.inner, indentUnit: indentUnitOf(text) }, entry)] };
    }

    case 'rename-call':
      if (!intent.request.beta || intent.request.kind !== 'sdk-call') return { refused: 'not a beta-namespace SDK call' };
      return syntax.renameCall(intent.request);

    case 'insert-comment': {
      const start = lineStartOf(text, intent.at);
      const indent = indentOf(text, intent.at);
      const eol = eolOf(text);
      const lines = intent.text.split(/\r?\n/).map((l) => `${indent}${syntax.lineComment} ${l}`.trimEnd());
      return { edits: [{ start, end: start, text: lines.join(eol) + eol }] };
    }

    case 'remove-definition': {
      const via = intent.value.via;
      if (!via || via.external) return { refused: 'the value has no definition in this file' };
      const stmt = analysis.definitions.get(rangeKey(intent.value.range));
      if (!stmt) return { refused: 'the definition is not a statement of its own' };
      return removeWholeLines(text, stmt, syntax.lineComment);
    }

    case 'add-alongside':
      return alongside(ctx, intent.at, intent.from, intent.to);
  }
}

/** Remove a statement that sits alone on its line(s) (a trailing comment on its last line goes with it). */
export function removeWholeLines(text: string, stmt: Range, lineComment: string): RenderResult {
  const start = lineStartOf(text, stmt.start);
  if (!/^[ \t]*$/.test(text.slice(start, stmt.start))) return { refused: 'the statement shares its line with other code' };
  const end = lineEndOf(text, stmt.end);
  const rest = text.slice(stmt.end, end).trim();
  if (rest && !rest.startsWith(lineComment)) return { refused: 'the statement shares its line with other code' };
  return { edits: [{ start, end: nextLineStart(text, end), text: '' }] };
}

const size = (r: Range | undefined) => (r ? r.end - r.start : Infinity);

function swapAll(s: string, from: string, to: string): string {
  return s.split(from).join(to);
}

function alongside(ctx: RpcRenderContext, at: number, from: string, to: string): RenderResult {
  const { text, syntax } = ctx;
  if (!from || !text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = syntax.constructsAt(at);
  const within = (r: Range | undefined) => !!r && r.start <= at && at + from.length <= r.end;
  let col = c.collection;
  // A map entry whose key would not change would be a duplicate key: a record of a list is copied whole instead.
  if (col?.kind === 'map' && col.key && swapAll(text.slice(col.key.start, col.key.end), from, to) === text.slice(col.key.start, col.key.end)) col = col.record;
  // A membership test inside an assert is the assert's subject: the assert is duplicated instead.
  const gate = c.gate && c.assert && c.assert.start <= c.gate.range.start && c.gate.range.end <= c.assert.end ? undefined : c.gate;
  const candidates = [
    { kind: 'collection' as const, range: col?.entry },
    { kind: 'gate' as const, range: gate?.range },
    { kind: 'assert' as const, range: c.assert },
  ].filter((x) => within(x.range));
  if (!candidates.length) return { refused: 'no collection entry, case, gate or assert encloses the model ID' };
  const pick = candidates.reduce((a, b) => (size(b.range) < size(a.range) ? b : a));
  const r = pick.range!;
  const original = text.slice(r.start, r.end);
  const copy = swapAll(original, from, to);
  const eol = eolOf(text);
  const lineComment = syntax.lineComment;
  const restOfLineClean = (end: number) => {
    let rest = text.slice(end, lineEndOf(text, end));
    const ci = rest.indexOf(lineComment);
    if (ci >= 0) rest = rest.slice(0, ci);
    return /^[\s;]*$/.test(rest);
  };

  if (pick.kind === 'gate') {
    const g = gate!;
    const op = g.negative ? syntax.andOperator : syntax.orOperator;
    const side = (s: string) => (g.wrapSides ? `(${s})` : s);
    const joined = `${side(original)} ${op} ${side(copy)}`;
    return { edits: [{ start: r.start, end: r.end, text: g.needParens ? `(${joined})` : joined }] };
  }
  if (pick.kind === 'assert') {
    const end = lineEndOf(text, r.end);
    if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, r.start), r.start)) || !restOfLineClean(r.end)) return { refused: 'the assert shares its line with other code' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, r.start)}${copy}` }] };
  }
  const k = col!;
  if (k.kind === 'switch') {
    switch (k.switchStyle) {
      case 'or':
        return { edits: [{ start: r.end, end: r.end, text: ` or ${copy}` }] };
      case 'pipe':
        return { edits: [{ start: r.end, end: r.end, text: ` | ${copy}` }] };
      case 'line': {
        const label = k.labelRange ?? r;
        const ls = lineStartOf(text, label.start);
        if (!/^[ \t]*$/.test(text.slice(ls, label.start))) return { refused: 'the case label shares its line with other code' };
        const labelText = text.slice(label.start, label.end);
        const newLabel = labelText.slice(0, r.start - label.start) + copy + labelText.slice(r.end - label.start);
        return { edits: [{ start: label.start, end: label.start, text: `${newLabel}${eol}${indentOf(text, label.start)}` }] };
      }
      default:
        return { edits: [{ start: r.end, end: r.end, text: `, ${copy}` }] };
    }
  }
  let item = copy;
  if (k.kind === 'enum') {
    if (!k.name) return { refused: 'the enum member has no name to derive a new one from' };
    const name = text.slice(k.name.start, k.name.end);
    const renamed = renameIdentifierForModel(name, from, to);
    if (!renamed) return { refused: `cannot derive a member name for ${to} from ${name}` };
    const rel = k.name.start - r.start;
    item = copy.slice(0, rel) + renamed + copy.slice(rel + name.length);
  }
  if (!k.items || !k.inner) return { refused: 'the entry is not an item of a literal' };
  const index = k.items.findIndex((x) => x.start === r.start && x.end === r.end);
  if (index < 0) return { refused: 'the entry is not an item of its literal' };
  const separator = k.separator ?? ',';
  if (separator !== ',') {
    // Word lists (`%w[a b]`): the copy goes right after the entry.
    return { edits: [{ start: r.end, end: r.end, text: `${separator || ' '}${item}` }] };
  }
  // insertListItem re-bases continuation lines: strip the depth they had where they were copied from.
  return { edits: [insertListItem(text, { items: k.items, separator, trailingSeparatorAllowed: k.trailingSeparatorAllowed ?? true, lineComment: [lineComment], inner: k.inner, afterIndex: index, indentUnit: indentUnitOf(text) }, dedentContinuation(item.replace(/\r\n/g, '\n')))] };
}

/** contextAt from constructs and the analysis (same for the three adapters). */
export function rpcContextAt(analysis: RpcAnalysis, constructs: (offset: number) => Constructs, offset: number): OffsetContext {
  const view = analysis.view;
  const inString = view.strings.some((s) => contains(s.range, offset));
  const inComment = view.comments.some((c) => contains(c, offset));
  const ctx: OffsetContext = { inString, inComment };
  if (inComment) return ctx;
  const c = constructs(offset);
  if (c.collection) {
    const col = c.collection;
    ctx.collection = { kind: col.kind, range: col.range, entries: col.entries, entry: col.entry, ...(col.kind === 'map' && col.inKey !== undefined ? { inKey: col.inKey } : {}), ...(col.record ? { recordList: { range: col.record.range, entries: col.record.entries } } : {}) };
  }
  if (c.gate) ctx.gate = c.gate.range;
  if (c.assert) ctx.assert = c.assert;
  if (analysis.modelRanges.some((r) => contains(r, offset))) ctx.requestModel = true;
  return ctx;
}

/** Request `model` values (and where they are defined), for contextAt.requestModel. */
export function modelRangesOf(requests: RequestView[]): Range[] {
  const out: Range[] = [];
  for (const req of requests) {
    const model = req.params.fields?.find((f) => f.key === 'model');
    if (!model) continue;
    out.push(model.value.range);
    if (model.value.via) out.push(model.value.via.definitionRange);
  }
  return out;
}

/**
 * Stop-reason comparisons grouped per if/elsif chain or switch: each adapter reports the anchor (the
 * whole chain / switch) and the value compared, and gets one ResponseUse per anchor.
 */
export class StopReasonGroups {
  private groups = new Map<string, { range: Range; values: Set<string> }>();
  add(anchor: Range, value: string | undefined): void {
    const key = rangeKey(anchor);
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { range: anchor, values: new Set() }));
    if (value) g.values.add(value);
  }
  uses(): ResponseUse[] {
    return [...this.groups.values()].map((g) => ({ kind: 'stop-reason' as const, range: g.range, values: [...g.values] }));
  }
}

/** Known stop reasons, to read a constant / symbol name (`EndTurn`, `:end_turn`) as its API value. */
export const STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded'];

/** Tool definitions: objects with a versioned server-tool `type` or a `name` + `input_schema`. */
export function isToolDefinition(v: ValueView): boolean {
  if (v.kind !== 'object' || !v.fields) return false;
  const type = v.fields.find((f) => f.key === 'type')?.value.literal;
  if (typeof type === 'string' && /_\d{8}$/.test(type)) return true;
  return v.fields.some((f) => f.key === 'name') && v.fields.some((f) => f.key === 'input_schema');
}

/** Every object value nested in `v` (itself included), depth-first. */
export function* objectsIn(v: ValueView): Generator<ValueView> {
  if (v.kind === 'object') yield v;
  for (const f of v.fields ?? []) yield* objectsIn(f.value);
  for (const e of v.elements ?? []) yield* objectsIn(e);
}
