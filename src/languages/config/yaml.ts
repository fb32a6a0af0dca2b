// YAML files (`yaml` package). The Document API is used for reading only (node ranges); edits are
// splices of the original text, never a re-stringified Document (deps.md §6: not byte-preserving).
// Payload files (`model` + `messages`) are requests of kind 'payload'; model lists, routing configs
// and pricing tables are collections (sequences, mappings) for the classifier.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Parser, Scalar, type Document, type Node as YNode, type Pair } from 'yaml';
import { eolOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem, type ListShape } from '../edit-helpers.js';
import { isRawCode, type EditIntent, type FieldView, type LanguageAdapter, type NeutralValue, type OffsetContext, type ParsedFile, type Range, type RenderResult, type TextEdit, type ValueView } from '../types.js';
import { ALIAS_KEY, inRange, modelRanges, RECORD_IDENTITY_KEY } from './common.js';
import { relativeLines } from './json-doc.js';
import { payloadRequests, toolsOf } from './payload.js';

type Coll = YNode & { items: unknown[]; flow?: boolean; range?: [number, number, number] | null };

const key = (r: Range) => `${r.start}:${r.end}`;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A string as a YAML scalar: plain when unambiguous, else double-quoted (JSON escapes are valid YAML). */
export function yamlScalar(v: string | number | boolean | null, quote?: string): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (quote === '"') return JSON.stringify(v);
  if (quote === "'") return `'${v.replace(/'/g, "''")}'`;
  const plain = /^[A-Za-z_./][\w ./-]*$/.test(v) && !RESERVED.test(v) && !/\s$/.test(v) && !/: | #/.test(v);
  return plain ? v : JSON.stringify(v);
}

export function yamlFlow(v: NeutralValue, quote?: string): string {
  if (v === null || typeof v !== 'object') return yamlScalar(v, quote);
  if (isRawCode(v)) return v.$code;
  if (Array.isArray(v)) return `[${v.map((x) => yamlFlow(x, quote)).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${yamlScalar(k)}: ${yamlFlow(x, quote)}`).join(', ')}}`;
}

/** Block lines for a mapping/sequence value (relative indentation, `\n`), without a leading indent. */
export function yamlBlock(v: NeutralValue, unit: string, quote?: string): string {
  if (v === null || typeof v !== 'object' || isRawCode(v)) return yamlFlow(v, quote);
  const entry = (x: NeutralValue): string => {
    // Moved source spanning lines (a block mapping, dedented by carryCode): on its own lines under the key.
    if (isRawCode(x) && x.$code.includes('\n')) return `\n${unit}${x.$code.split('\n').join(`\n${unit}`)}`;
    if (x === null || typeof x !== 'object' || isRawCode(x) || (Array.isArray(x) ? x.length === 0 : Object.keys(x).length === 0)) return ` ${yamlFlow(x, quote)}`;
    return `\n${unit}${yamlBlock(x, unit, quote).split('\n').join(`\n${unit}`)}`;
  };
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) && !isRawCode(x) ? `- ${yamlBlock(x, unit, quote).split('\n').join('\n  ')}` : `-${entry(x)}`)).join('\n');
  return Object.entries(v).map(([k, x]) => `${yamlScalar(k)}:${entry(x)}`).join('\n');
}

function trimEndOf(text: string, end: number, floor: number): number {
  while (end > floor && /\s/.test(text[end - 1])) end--;
  return end;
}

interface Entry {
  /** Whole entry: `key: value` or `- item` (from the dash). */
  range: Range;
  node?: YNode;
  pair?: Pair;
}

class YamlFile {
  readonly docs: Document.Parsed[];
  readonly errors: number;
  readonly values: ValueView[] = [];
  readonly strings: { range: Range; contentRange: Range; value: string }[] = [];
  readonly comments: Range[] = [];
  private readonly nodes = new Map<string, YNode | Pair>();
  private readonly entries = new Map<YNode | Pair, Entry>();
  private readonly parents = new Map<YNode | Pair, Coll>();

  constructor(readonly text: string) {
    this.docs = parseAllDocuments(text, { keepSourceTokens: false }) as Document.Parsed[];
    if (!Array.isArray(this.docs)) this.docs = [];
    this.errors = this.docs.reduce((n, d) => n + d.errors.length, 0);
    for (const d of this.docs) if (d.contents) this.values.push(this.build(d.contents as YNode));
    for (const tok of new Parser().parse(text)) this.collectComments(tok);
  }

  private collectComments(o: unknown): void {
    if (!o || typeof o !== 'object') return;
    if (Array.isArray(o)) {
      for (const x of o) this.collectComments(x);
      return;
    }
    const t = o as { type?: string; offset?: number; source?: string };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') this.comments.push({ start: t.offset, end: t.offset + t.source.length });
    for (const v of Object.values(o)) if (v && typeof v === 'object') this.collectComments(v);
  }

  private rangeOf(n: YNode): Range {
    const r = n.range!;
    const end = isScalar(n) ? r[1] : trimEndOf(this.text, r[1], r[0]);
    return { start: r[0], end };
  }

  /** A block sequence item starts at its dash. */
  private itemRange(n: YNode): Range {
    const r = this.rangeOf(n);
    const ls = lineStartOf(this.text, r.start);
    const before = this.text.slice(ls, r.start);
    const m = /-[ \t]*$/.exec(before);
    return m && /^[ \t-]*$/.test(before) ? { start: r.start - m[0].length, end: r.end } : r;
  }

  private build(n: YNode): ValueView {
    const range = this.rangeOf(n);
    const text = this.text.slice(range.start, range.end);
    this.nodes.set(key(range), n);
    if (isMap(n)) {
      const fields: FieldView[] = [];
      for (const p of n.items) {
        const k = p.key as YNode | null;
        if (!k || !isScalar(k) || !k.range) continue;
        const keyRange = this.rangeOf(k);
        const v = p.value as YNode | null;
        let end = v?.range ? this.rangeOf(v).end : keyRange.end;
        if (end <= keyRange.end) end = this.text.indexOf(':', keyRange.end) + 1 || keyRange.end;
        const pr = { start: keyRange.start, end };
        this.nodes.set(key(pr), p);
        this.entries.set(p, { range: pr, pair: p });
        this.parents.set(p, n as Coll);
        const value: ValueView = v?.range ? this.build(v) : { kind: 'null', range: { start: end, end }, text: '', literal: null };
        fields.push({ key: String(k.value), sourceKey: String(k.source ?? k.value), range: pr, keyRange, value });
      }
      return { kind: 'object', range, text, fields };
    }
    if (isSeq(n)) {
      const elements: ValueView[] = [];
      for (const item of n.items as YNode[]) {
        if (!item || !('range' in item) || !item.range) continue;
        this.entries.set(item, { range: n.flow ? this.rangeOf(item) : this.itemRange(item), node: item });
        this.parents.set(item, n as Coll);
        elements.push(this.build(item));
      }
      return { kind: 'array', range, text, elements };
    }
    if (isAlias(n)) return { kind: 'reference', range, text };
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string') {
        const quoted = n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE;
        const block = n.type === Scalar.BLOCK_FOLDED || n.type === Scalar.BLOCK_LITERAL;
        const contentRange = quoted ? { start: range.start + 1, end: range.end - 1 } : block ? { start: nextLineStart(this.text, range.start), end: range.end } : range;
        this.strings.push({ range, contentRange, value: v });
        return { kind: 'string', range, text, literal: v, contentRange };
      }
      if (typeof v === 'number') return { kind: 'number', range, text, literal: v };
      if (typeof v === 'boolean') return { kind: 'boolean', range, text, literal: v };
      if (v === null) return { kind: 'null', range, text, literal: null };
    }
    return { kind: 'other', range, text };
  }

  /** Collections holding `offset`, innermost first, with the entry holding it. */
  collectionsAt(offset: number): { coll: Coll; entry: Entry; inKey: boolean }[] {
    const out: { coll: Coll; entry: Entry; inKey: boolean }[] = [];
    const visit = (n: YNode | null | undefined): void => {
      if (!n || !n.range || offset < n.range[0] || offset >= n.range[2]) return;
      if (isMap(n)) {
        for (const p of n.items) {
          const e = this.entries.get(p);
          if (!e || offset < e.range.start || offset >= e.range.end) continue;
          const k = p.key as YNode | null;
          out.unshift({ coll: n as Coll, entry: e, inKey: !!k?.range && offset >= k.range[0] && offset < k.range[1] });
          visit(p.value as YNode | null);
          return;
        }
      } else if (isSeq(n)) {
        for (const item of n.items as YNode[]) {
          const e = item && this.entries.get(item);
          if (!e || offset < e.range.start || offset >= e.range.end) continue;
          out.unshift({ coll: n as Coll, entry: e, inKey: false });
          visit(item);
          return;
        }
      }
    };
    for (const d of this.docs) visit(d.contents as YNode);
    return out;
  }

  private indentUnit(): string {
    for (const [p, e] of this.entries) {
      if (!isPair(p)) continue;
      const v = p.value as YNode | null;
      if (!v || !isMap(v) || v.flow || !v.items[0]) continue;
      const first = this.entries.get(v.items[0]);
      if (!first) continue;
      const outer = e.range.start - lineStartOf(this.text, e.range.start);
      const inner = first.range.start - lineStartOf(this.text, first.range.start);
      if (inner > outer) return ' '.repeat(inner - outer);
    }
    return '  ';
  }

  private column(offset: number): string {
    return ' '.repeat(offset - lineStartOf(this.text, offset));
  }

  private flowShape(coll: Coll): ListShape & { inner: Range } {
    const items = (coll.items as (YNode | Pair)[]).map((i) => this.entries.get(i)!.range);
    const r = this.rangeOf(coll);
    return { items, separator: ',', trailingSeparatorAllowed: false, lineComment: ['#'], inner: { start: r.start + 1, end: r.end - 1 } };
  }

  /** Whole lines of a block entry; undefined when the entry shares its first line with other content. */
  private entryLines(e: Entry): Range | undefined {
    const ls = lineStartOf(this.text, e.range.start);
    if (!/^[ \t]*$/.test(this.text.slice(ls, e.range.start))) return undefined;
    return { start: ls, end: nextLineStart(this.text, lineEndOf(this.text, e.range.end)) };
  }

  /** Insert a new block entry (already rendered, relative lines) after `after`, at its column. */
  private insertAfter(after: Entry, snippet: string): TextEdit {
    const eol = eolOf(this.text);
    const col = this.column(after.range.start);
    const end = lineEndOf(this.text, after.range.end);
    const body = col + snippet.split('\n').join(eol + col);
    // Inserted at the start of the next line, so it does not fall inside the removal of the entry it follows.
    if (end < this.text.length) {
      const next = nextLineStart(this.text, end);
      return { start: next, end: next, text: body + eol };
    }
    return { start: end, end, text: eol + body };
  }

  /**
   * `{ $code }` values spanning lines (a block mapping being moved, e.g. output_format → output_config.format)
   * keep their lines' absolute indentation: make them relative to the column the value started at.
   */
  private carryCode(v: NeutralValue): NeutralValue {
    if (v === null || typeof v !== 'object') return v;
    if (isRawCode(v)) {
      if (!v.$code.includes('\n')) return v;
      const at = this.text.indexOf(v.$code);
      if (at < 0) return v;
      const lines = v.$code.split(/\r?\n/);
      return { $code: relativeLines(lines.join('\n'), this.column(at)).replace(/[ \t]+$/gm, '') };
    }
    if (Array.isArray(v)) return v.map((x) => this.carryCode(x));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.carryCode(x)]));
  }

  private quoteOf(n: YNode | undefined): string | undefined {
    if (n && isScalar(n)) return n.type === Scalar.QUOTE_DOUBLE ? '"' : n.type === Scalar.QUOTE_SINGLE ? "'" : undefined;
    return undefined;
  }

  render(intent: EditIntent): RenderResult {
    const text = this.text;
    switch (intent.kind) {
      case 'replace':
        return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
      case 'set-value': {
        const n = this.nodes.get(key(intent.value.range));
        if (!n || isPair(n)) return { refused: 'the value is not a YAML node of this file' };
        const r = this.rangeOf(n);
        const to = this.carryCode(intent.to);
        const structured = to !== null && typeof to === 'object' && !isRawCode(to);
        if (!structured) return { edits: [{ start: r.start, end: r.end, text: yamlScalar(to as string | number | boolean | null, this.quoteOf(n)) }] };
        const block = (isMap(n) || isSeq(n)) && !(n as Coll).flow;
        if (!block) return { edits: [{ start: r.start, end: r.end, text: yamlFlow(to) }] };
        const col = this.column(r.start);
        return { edits: [{ start: r.start, end: r.end, text: yamlBlock(to, this.indentUnit()).split('\n').join(eolOf(text) + col) }] };
      }
      case 'remove-field':
      case 'remove-element': {
        const target = intent.kind === 'remove-field' ? this.nodes.get(key(intent.field.range)) : this.nodes.get(key(intent.element.range));
        const e = target && this.entries.get(target);
        const coll = target && this.parents.get(target);
        if (!e || !coll) return { refused: 'not an entry of a YAML collection here' };
        if (coll.flow) {
          const index = (coll.items as unknown[]).indexOf(target);
          return { edits: [removeListItem(text, this.flowShape(coll), index)] };
        }
        if (coll.items.length === 1) return { refused: 'removing the only entry would turn the collection into null' };
        const lines = this.entryLines(e);
        if (!lines) return { refused: 'the entry shares its line with a sequence dash or other content' };
        return { edits: [{ start: lines.start, end: lines.end, text: '' }] };
      }
      case 'add-field': {
        const n = this.nodes.get(key(intent.container.range));
        if (!n || !isMap(n)) return { refused: 'the container is not a YAML mapping here' };
        if (n.items.some((p) => isScalar(p.key) && p.key.value === intent.key)) return { refused: `${intent.key} is already set` };
        const to = this.carryCode(intent.to);
        if (isRawCode(to) && to.$code.includes('\n') && (n as Coll).flow) return { refused: 'a block value cannot be moved into a flow mapping' };
        if ((n as Coll).flow) {
          const shape = this.flowShape(n as Coll);
          return { edits: [insertListItem(text, shape, `${yamlScalar(intent.key)}: ${yamlFlow(to)}`)] };
        }
        const last = this.entries.get(n.items[n.items.length - 1]);
        if (!last) return { refused: 'the mapping is empty' };
        return { edits: [this.insertAfter(last, yamlBlock({ [intent.key]: to }, this.indentUnit()))] };
      }
      case 'add-alongside':
        return this.alongside(intent.at, intent.from, intent.to);
      case 'insert-comment': {
        const start = lineStartOf(text, intent.at);
        const indent = /^[ \t]*/.exec(text.slice(start))![0];
        const eol = eolOf(text);
        return { edits: [{ start, end: start, text: intent.text.split(/\r?\n/).map((l) => `${indent}# ${l}`.trimEnd() + eol).join('') }] };
      }
      case 'rename-call':
        return { refused: 'a YAML payload has no SDK call to rename' };
      case 'remove-definition':
        return { refused: 'YAML definitions are not removed automatically' };
    }
  }

  private alongside(at: number, from: string, to: string): RenderResult {
    const text = this.text;
    if (!text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
    for (const { coll, entry } of this.collectionsAt(at)) {
      if (entry.pair) {
        // A key that would not change would be duplicated: the enclosing entry is copied instead.
        const k = entry.pair.key as YNode | null;
        if (!k || !isScalar(k) || String(k.value).split(from).join(to) === String(k.value)) continue;
      }
      const src = withoutAliases(text.slice(entry.range.start, entry.range.end));
      const copy = relativeLines(src.split(from).join(to), this.column(entry.range.start));
      if (coll.flow) {
        const index = (coll.items as unknown[]).indexOf(entry.pair ?? entry.node);
        return { edits: [insertListItem(text, { ...this.flowShape(coll), afterIndex: index }, copy)] };
      }
      if (!this.entryLines(entry)) return { refused: 'the entry shares its line with other content' };
      return { edits: [this.insertAfter(entry, copy)] };
    }
    return { refused: 'no YAML sequence item or mapping entry holding the model ID can be duplicated' };
  }
}

/**
 * A copied record without its `aliases:` / `alias:` block: aliases name one model and must stay unique (two
 * entries answering to `opus` make the lookup ambiguous, and `opus-4.1` would name the new model). The new
 * entry is reached by its own ID until someone gives it aliases.
 */
function withoutAliases(record: string): string {
  const lines = record.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?([\w-]+)\s*:/.exec(lines[i]);
    if (!m || i === 0 || !ALIAS_KEY.test(m[2])) {
      kept.push(lines[i]);
      continue;
    }
    // Skip the alias key and the lines nested under it (a block sequence).
    const depth = m[1].length;
    while (i + 1 < lines.length && /^(\s*)/.exec(lines[i + 1])![1].length > depth && lines[i + 1].trim() !== '') i++;
  }
  return kept.join('\n');
}

export function parseYaml(text: string): ParsedFile {
  const file = new YamlFile(text);
  const requests = file.values.flatMap((v) => payloadRequests(v, { language: 'yaml', kind: 'payload', platform: 'unknown' }));
  const models = modelRanges(requests);
  return {
    view: { language: 'yaml', requests, clients: [], responseUses: [], tools: toolsOf(requests), strings: file.strings, comments: file.comments, syntaxErrors: file.errors },
    contextAt(offset: number): OffsetContext {
      const inComment = file.comments.some((c) => inRange(c, offset));
      const ctx: OffsetContext = { inString: !inComment && file.strings.some((s) => inRange(s.range, offset)), inComment };
      if (inComment) return ctx;
      const cols = file.collectionsAt(offset);
      let col = cols[0];
      // A model ID naming a record of a list of records (`- id: claude-…`): the list is the registry.
      const outer = cols[1];
      const isRecord = !!col && !!outer && isMap(col.coll) && !col.inKey && isSeq(outer.coll) && outer.entry.node === col.coll;
      if (isRecord) {
        const k = col.entry.pair?.key as YNode | null | undefined;
        if (k && isScalar(k) && RECORD_IDENTITY_KEY.test(String(k.value))) col = outer;
      }
      const rangeOfColl = (c: typeof col) => ({ start: c!.coll.range![0], end: trimEndOf(text, c!.coll.range![1], c!.coll.range![0]) });
      if (col) {
        ctx.collection = {
          kind: isSeq(col.coll) ? 'list' : 'map',
          range: rangeOfColl(col),
          entries: col.coll.items.length,
          entry: col.entry.range,
          ...(isMap(col.coll) ? { inKey: col.inKey } : {}),
          ...(isRecord && col !== outer ? { recordList: { range: rangeOfColl(outer), entries: outer.coll.items.length } } : {}),
          ...(cols.length > 1 ? { outermost: rangeOfColl(cols[cols.length - 1]) } : {}),
        };
      }
      if (models.some((r) => inRange(r, offset))) ctx.requestModel = true;
      return ctx;
    },
    render: (intent) => file.render(intent),
    dispose() {},
  };
}

export const adapter: LanguageAdapter = {
  id: 'yaml',
  extensions: ['.yaml', '.yml'],
  parse: async (text) => parseYaml(text),
  countSyntaxErrors: async (text) => parseAllDocuments(text).reduce((n, d) => n + (d.errors?.length ?? 0), 0),
};
