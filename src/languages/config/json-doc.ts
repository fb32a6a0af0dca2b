// One JSON (or JSONC) text, standalone or embedded in a host file (a curl body, a JSONL line, a
// Markdown block): the neutral value view built from jsonc-parser's tree, the innermost collection
// around an offset, and edits rendered in JSON syntax by splicing ranges (jsonc-parser's `modify()`
// is not used: its deletions can eat a neighbour's trailing comment). Ranges in and out are host
// offsets; the TextHost maps them.
import { parseTree, visit, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { eolOf, indentOf, insertListItem, reindent, removeListItem, type ListShape } from '../edit-helpers.js';
import { isRawCode, type EditIntent, type NeutralValue, type OffsetContext, type Range, type RenderResult, type TextEdit, type ValueView } from '../types.js';
import { TextHost } from './host.js';
import { ALIAS_KEY, RECORD_IDENTITY_KEY } from './common.js';

const key = (r: Range) => `${r.start}:${r.end}`;

/** A NeutralValue in JSON syntax; multi-line output uses `\n` and indentation relative to column 0. */
export function renderJson(v: NeutralValue, multiline = false, unit = '  ', depth = 0): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (isRawCode(v)) return v.$code;
  const pad = unit.repeat(depth + 1);
  const close = unit.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (!multiline) return `[${v.map((x) => renderJson(x)).join(', ')}]`;
    return `[\n${v.map((x) => pad + renderJson(x, true, unit, depth + 1)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  if (!multiline) return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${renderJson(x)}`).join(', ')}}`;
  return `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${renderJson(x, true, unit, depth + 1)}`).join(',\n')}\n${close}}`;
}

/** Lines after the first of a copied multi-line snippet, made relative to the indentation of its first line. */
export function relativeLines(snippet: string, indent: string): string {
  return snippet.split(/\r?\n/).map((l, i) => (i > 0 && l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
}

/**
 * The entry's text without the `aliases` / `alias` properties of the record it holds (with their comma):
 * aliases name one model and must stay unique, so a copy for the new model leaves them behind.
 */
function withoutAliases(entry: JsonNode, entryText: string): string {
  const record = entry.type === 'property' ? entry.children?.[1] : entry;
  const props = record?.type === 'object' ? (record.children ?? []) : [];
  const cuts: { start: number; end: number }[] = [];
  props.forEach((p, i) => {
    const key = p.children?.[0]?.value;
    if (typeof key !== 'string' || !ALIAS_KEY.test(key)) return;
    // Up to the next property (this one's comma and line break), or, for the last one, from the previous one's end.
    const start = i === props.length - 1 && i > 0 ? props[i - 1].offset + props[i - 1].length : p.offset;
    const end = i < props.length - 1 ? props[i + 1].offset : p.offset + p.length;
    cuts.push({ start: start - entry.offset, end: end - entry.offset });
  });
  let out = entryText;
  for (const cut of cuts.reverse()) out = out.slice(0, cut.start) + out.slice(cut.end);
  return out;
}

export interface JsonDocOptions {
  /** Comments may be written (`//`): JSONC files, or files that already have comments. */
  comments: boolean;
}

export class JsonDoc {
  readonly root: JsonNode | undefined;
  readonly errors: ParseError[] = [];
  readonly value: ValueView | undefined;
  readonly strings: { range: Range; contentRange: Range; value: string }[] = [];
  /** Comment ranges (host offsets). */
  readonly comments: Range[] = [];
  private readonly nodes = new Map<string, JsonNode>();
  private readonly hasComments: boolean;

  constructor(
    readonly host: TextHost,
    private readonly opts: JsonDocOptions,
  ) {
    const text = host.text;
    this.root = parseTree(text, this.errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    const comments: Range[] = [];
    visit(text, { onComment: (offset, length) => void comments.push({ start: offset, end: offset + length }) }, { disallowComments: false });
    this.hasComments = comments.length > 0;
    for (const c of comments) this.comments.push(host.range(c));
    this.value = this.root ? this.build(this.root) : undefined;
  }

  /** Syntax errors (comments and trailing commas are accepted: JSONC). */
  get syntaxErrors(): number {
    return this.errors.length;
  }

  private nodeRange(n: JsonNode): Range {
    return { start: n.offset, end: n.offset + n.length };
  }

  private build(n: JsonNode): ValueView {
    const d = this.nodeRange(n);
    const range = this.host.range(d);
    const text = this.host.text.slice(d.start, d.end);
    this.nodes.set(key(range), n);
    switch (n.type) {
      case 'object': {
        const fields = [];
        for (const p of n.children ?? []) {
          const [k, v] = p.children ?? [];
          if (p.type !== 'property' || !k || !v) continue;
          const pr = this.host.range(this.nodeRange(p));
          this.nodes.set(key(pr), p);
          const keyRange = this.host.range(this.nodeRange(k));
          fields.push({ key: String(k.value), sourceKey: String(k.value), range: pr, keyRange, value: this.build(v) });
        }
        return { kind: 'object', range, text, fields };
      }
      case 'array':
        return { kind: 'array', range, text, elements: (n.children ?? []).map((c) => this.build(c)) };
      case 'string': {
        const inner = { start: d.start + 1, end: Math.max(d.start + 1, d.end - 1) };
        const contentRange = this.host.range(inner);
        if (this.host.isDynamic(inner)) return { kind: 'template', range, text, contentRange };
        this.strings.push({ range, contentRange, value: String(n.value) });
        return { kind: 'string', range, text, literal: String(n.value), contentRange };
      }
      case 'number':
        return { kind: 'number', range, text, literal: Number(n.value) };
      case 'boolean':
        return { kind: 'boolean', range, text, literal: Boolean(n.value) };
      case 'null':
        return { kind: 'null', range, text, literal: null };
      default:
        return { kind: 'other', range, text };
    }
  }

  /** Whether a host range lies in this document. */
  owns(r: Range): boolean {
    return this.host.owns(r);
  }

  /** String-ness and the innermost collection at a host offset. */
  contextAt(offset: number): OffsetContext {
    const out: OffsetContext = { inString: false, inComment: this.comments.some((c) => offset >= c.start && offset < c.end) };
    const d = this.host.fromSource(offset);
    if (d === undefined || !this.root || out.inComment) return out;
    const at = this.nodeAt(d);
    if (at?.type === 'string') out.inString = true;
    const cols = this.collectionsAt(d, at);
    let col = cols[0];
    // A model ID naming a record of a list of records (`[{"id": "claude-…"}]`): the list is the registry.
    const outer = cols[1];
    const isRecord = !!col && !!outer && col.node.type === 'object' && !col.inKey && outer.node.type === 'array' && outer.entry === col.node;
    if (isRecord && RECORD_IDENTITY_KEY.test(String(col.entry.children?.[0]?.value))) col = outer;
    if (col) {
      out.collection = {
        kind: col.node.type === 'array' ? 'list' : 'map',
        range: this.host.range(this.nodeRange(col.node)),
        entries: col.node.children?.length ?? 0,
        entry: this.host.range(this.nodeRange(col.entry)),
        ...(col.node.type === 'object' ? { inKey: col.inKey } : {}),
        ...(isRecord && col !== outer ? { recordList: { range: this.host.range(this.nodeRange(outer.node)), entries: outer.node.children?.length ?? 0 } } : {}),
        ...(cols.length > 1 ? { outermost: this.host.range(this.nodeRange(cols[cols.length - 1].node)) } : {}),
      };
    }
    return out;
  }

  private nodeAt(d: number): JsonNode | undefined {
    let n = this.root;
    if (!n || d < n.offset || d >= n.offset + n.length) return undefined;
    for (;;) {
      const child: JsonNode | undefined = n.children?.find((c: JsonNode) => d >= c.offset && d < c.offset + c.length);
      if (!child) return n;
      n = child;
    }
  }

  /** Arrays/objects holding `d` as (part of) an entry, innermost first, each with the entry. */
  private collectionsAt(d: number, at = this.nodeAt(d)): { node: JsonNode; entry: JsonNode; inKey: boolean }[] {
    const out: { node: JsonNode; entry: JsonNode; inKey: boolean }[] = [];
    let child = at;
    let n = at?.parent;
    while (child && n) {
      if (n.type === 'array') out.push({ node: n, entry: child, inKey: false });
      else if (n.type === 'object' && child.type === 'property') {
        const k = child.children?.[0];
        out.push({ node: n, entry: child, inKey: !!k && d >= k.offset && d < k.offset + k.length });
      }
      child = n;
      n = n.parent;
    }
    return out;
  }

  private shape(list: JsonNode): ListShape {
    const items = (list.children ?? []).map((c) => this.nodeRange(c));
    const last = items[items.length - 1];
    const trailing = !!last && /^\s*,/.test(this.host.text.slice(last.end, list.offset + list.length - 1));
    return { items, separator: ',', trailingSeparatorAllowed: trailing, lineComment: this.hasComments || this.opts.comments ? ['//', '/*'] : [] };
  }

  /** One indentation step of this JSON text (from a nested multi-line collection), default two spaces. */
  private indentUnit(): string {
    const text = this.host.text;
    // A collection opening on the body's first line (`-d '{`) shares that line with host text, so
    // its indentation says nothing: nested collections on their own lines are measured first.
    let unit: string | undefined;
    let firstLineUnit: string | undefined;
    const walkNode = (n: JsonNode) => {
      if (unit) return;
      const first = n.children?.[0];
      if ((n.type === 'object' || n.type === 'array') && first && text.slice(n.offset, first.offset).includes('\n')) {
        const outer = indentOf(text, n.offset);
        const inner = indentOf(text, first.offset);
        if (inner.length > outer.length && inner.startsWith(outer)) {
          if (text.lastIndexOf('\n', n.offset) === -1) firstLineUnit ??= inner.slice(outer.length);
          else unit = inner.slice(outer.length);
        }
      }
      for (const c of n.children ?? []) walkNode(c);
    };
    if (this.root) walkNode(this.root);
    return unit ?? (firstLineUnit && this.host.pieces[0]?.sStart === 0 ? firstLineUnit : undefined) ?? firstLineUnit ?? '  ';
  }

  private spansLines(n: JsonNode): boolean {
    return this.host.text.slice(n.offset, n.offset + n.length).includes('\n');
  }

  private mapEdits(edits: TextEdit[]): RenderResult {
    const out: TextEdit[] = [];
    for (const e of edits) {
      const m = this.host.edit(e);
      if ('refused' in m) return m;
      out.push(m);
    }
    return { edits: out };
  }

  private node(r: Range): JsonNode | undefined {
    return this.nodes.get(key(r));
  }

  /** Render an intent whose target lies in this document. */
  render(intent: EditIntent): RenderResult {
    const text = this.host.text;
    switch (intent.kind) {
      case 'replace':
        return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
      case 'set-value': {
        const n = this.node(intent.value.range);
        if (!n) return { refused: 'the value is not a JSON value of this body' };
        const multiline = this.spansLines(n) && typeof intent.to === 'object' && intent.to !== null && !isRawCode(intent.to);
        const rendered = renderJson(intent.to, multiline, this.indentUnit());
        return this.mapEdits([{ start: n.offset, end: n.offset + n.length, text: reindent(rendered, indentOf(text, n.offset), eolOf(text)) }]);
      }
      case 'remove-field': {
        const obj = this.node(intent.container.range);
        const prop = this.node(intent.field.range);
        if (!obj || obj.type !== 'object' || !prop) return { refused: 'the field is not a property of a JSON object here' };
        const index = obj.children?.indexOf(prop) ?? -1;
        if (index < 0) return { refused: 'the field is not a property of its object' };
        return this.mapEdits([removeListItem(text, this.shape(obj), index)]);
      }
      case 'remove-element': {
        const arr = this.node(intent.array.range);
        const el = this.node(intent.element.range);
        if (!arr || arr.type !== 'array' || !el) return { refused: 'the element is not an item of a JSON array here' };
        const index = arr.children?.indexOf(el) ?? -1;
        if (index < 0) return { refused: 'the element is not an item of its array' };
        return this.mapEdits([removeListItem(text, this.shape(arr), index)]);
      }
      case 'add-field': {
        const obj = this.node(intent.container.range);
        if (!obj || obj.type !== 'object') return { refused: 'the container is not a JSON object here' };
        if (obj.children?.some((p) => p.children?.[0]?.value === intent.key)) return { refused: `${intent.key} is already set` };
        const siblingsMultiline = this.spansLines(obj) && (obj.children ?? []).some((p) => {
          const v = p.children?.[1];
          return !!v && (v.type === 'object' || v.type === 'array') && this.spansLines(v);
        });
        const unit = this.indentUnit();
        const item = `${JSON.stringify(intent.key)}: ${renderJson(intent.to, siblingsMultiline, unit)}`;
        const inner = { start: obj.offset + 1, end: obj.offset + obj.length - 1 };
        return this.mapEdits([insertListItem(text, { ...this.shape(obj), inner, indentUnit: unit }, item)]);
      }
      case 'insert-comment': {
        if (!this.opts.comments && !this.hasComments) return { refused: 'JSON has no comments' };
        const d = this.host.fromSource(intent.at);
        if (d === undefined) return { refused: 'the offset is outside the JSON text' };
        const start = text.lastIndexOf('\n', d - 1) + 1;
        const indent = indentOf(text, d);
        const eol = eolOf(text);
        return this.mapEdits([{ start, end: start, text: intent.text.split(/\r?\n/).map((l) => `${indent}// ${l}`.trimEnd() + eol).join('') }]);
      }
      case 'add-alongside':
        return this.alongside(intent.at, intent.from, intent.to);
      case 'rename-call':
        return { refused: 'a JSON body has no SDK call to rename' };
      case 'remove-definition':
        return { refused: 'JSON has no definitions to remove' };
    }
  }

  private alongside(at: number, from: string, to: string): RenderResult {
    const text = this.host.text;
    const d = this.host.fromSource(at);
    if (d === undefined || !text.startsWith(from, d)) return { refused: `"${from}" is not at the given offset` };
    for (const col of this.collectionsAt(d)) {
      const entryText = withoutAliases(col.entry, text.slice(col.entry.offset, col.entry.offset + col.entry.length));
      const copy = relativeLines(entryText.split(from).join(to), indentOf(text, col.entry.offset));
      if (col.node.type === 'object') {
        // A property whose key would not change would be a duplicate key: the enclosing entry is copied instead.
        const k = col.entry.children?.[0];
        if (!k || String(k.value).split(from).join(to) === String(k.value)) continue;
      }
      const index = col.node.children?.indexOf(col.entry) ?? -1;
      const inner = { start: col.node.offset + 1, end: col.node.offset + col.node.length - 1 };
      return this.mapEdits([insertListItem(text, { ...this.shape(col.node), inner, afterIndex: index, indentUnit: this.indentUnit() }, copy)]);
    }
    return { refused: 'no JSON array item or object entry holding the model ID can be duplicated' };
  }
}
