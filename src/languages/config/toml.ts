// TOML files (tree-sitter-toml for ranges; smol-toml is not needed: values are read from the tree).
// No requests: TOML holds configuration (model defaults, routing tables, price lists). Strings are
// the string values; arrays, inline tables and [tables] are collections; edits are splices.
import type { Node } from 'web-tree-sitter';
import { eolOf, indentOf, indentUnitOf, insertListItem, lineEndOf, lineStartOf, nextLineStart, removeListItem } from '../edit-helpers.js';
import type { EditIntent, LanguageAdapter, OffsetContext, ParsedFile, Range, RenderResult } from '../types.js';
import { getParser } from '../tree-sitter/loader.js';
import { ancestors, countSyntaxErrors, decodeEscapes, nodeAt, rangeOf, walk } from '../tree-sitter/common.js';
import { inRange, RECORD_IDENTITY_KEY } from './common.js';
import { relativeLines } from './json-doc.js';

const TABLES = new Set(['table', 'table_array_element', 'document']);

/** Quote length and decoded value of a TOML string node. */
function tomlString(n: Node): { quote: number; value: string } {
  const t = n.text;
  const quote = t.startsWith('"""') || t.startsWith("'''") ? 3 : 1;
  let raw = t.slice(quote, Math.max(quote, t.length - quote));
  if (quote === 3) raw = raw.replace(/^\r?\n/, '');
  const literal = t.startsWith("'");
  return { quote, value: literal ? raw : decodeEscapes(quote === 3 ? raw.replace(/\\\r?\n\s*/g, '') : raw) };
}

interface TomlCollection {
  kind: 'list' | 'map';
  node: Node;
  items: Node[];
  entry: Node;
  inKey: boolean;
}

const entriesOf = (n: Node) => n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment' && !(TABLES.has(n.type) && c.type !== 'pair'));

/** The entry's own text: a pair without the comment tree-sitter-toml folds into it. */
function entryRange(e: Node): Range {
  if (e.type !== 'pair') return rangeOf(e);
  const last = e.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  return { start: e.startIndex, end: last ? last.endIndex : e.endIndex };
}

function collectionsAt(root: Node, offset: number): TomlCollection[] {
  const out: TomlCollection[] = [];
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (a.type === 'array' || a.type === 'inline_table' || TABLES.has(a.type)) {
      const items = entriesOf(a);
      if (items.some((i) => i.id === child.id)) {
        const k = child.type === 'pair' ? child.namedChildren[0] : undefined;
        out.push({ kind: a.type === 'array' ? 'list' : 'map', node: a, items, entry: child, inKey: !!k && offset >= k.startIndex && offset < k.endIndex });
      }
    }
    child = a;
  }
  return out;
}

/** `[[name]]` elements sharing `element`'s header: one array of tables. */
function tableArraySiblings(element: Node): Node[] {
  const header = element.namedChildren[0]?.text;
  return (element.parent?.namedChildren ?? []).filter((c): c is Node => !!c && c.type === 'table_array_element' && c.namedChildren[0]?.text === header);
}

/** A node's range without the blank lines tree-sitter-toml folds into a table's end. */
function trimmedRange(text: string, n: Node): Range {
  let end = n.endIndex;
  while (end > n.startIndex && /\s/.test(text[end - 1])) end--;
  return { start: n.startIndex, end };
}

/**
 * The collection the classifier sees: the innermost one, except for a model ID naming a record of a
 * list of records (`[[models]] id = "claude-…"`, `[{ id = "claude-…" }]`): the list is the registry.
 */
function registryCollection(text: string, cols: TomlCollection[]): OffsetContext['collection'] {
  const c = cols[0];
  if (!c) return undefined;
  const key = c.entry.type === 'pair' ? c.entry.namedChildren[0]?.text.replace(/^["']|["']$/g, '') : undefined;
  if (c.kind === 'map' && !c.inKey && key && RECORD_IDENTITY_KEY.test(key)) {
    if (c.node.type === 'table_array_element') {
      const all = tableArraySiblings(c.node);
      return { kind: 'list', range: { start: all[0].startIndex, end: trimmedRange(text, all[all.length - 1]).end }, entries: all.length, entry: trimmedRange(text, c.node) };
    }
    const outer = cols[1];
    if (outer && outer.kind === 'list' && outer.entry.id === c.node.id) return { kind: 'list', range: rangeOf(outer.node), entries: outer.items.length, entry: entryRange(outer.entry) };
  }
  return { kind: c.kind, range: rangeOf(c.node), entries: c.items.length, entry: entryRange(c.entry), ...(c.kind === 'map' ? { inKey: c.inKey } : {}) };
}

function render(root: Node, text: string, intent: EditIntent): RenderResult {
  const listShape = (c: Node) => ({ items: entriesOf(c).map(entryRange), separator: ',', trailingSeparatorAllowed: c.type === 'array', lineComment: ['#'] });
  const nodeFor = (r: Range) => {
    let n: Node | null = root.descendantForIndex(r.start, r.end);
    while (n && !(n.startIndex === r.start && n.endIndex === r.end)) n = n.parent;
    return n ?? undefined;
  };
  switch (intent.kind) {
    case 'replace':
      return { edits: [{ start: intent.range.start, end: intent.range.end, text: intent.text }] };
    case 'insert-comment': {
      const start = lineStartOf(text, intent.at);
      const indent = indentOf(text, intent.at);
      return { edits: [{ start, end: start, text: intent.text.split(/\r?\n/).map((l) => `${indent}# ${l}`.trimEnd() + eolOf(text)).join('') }] };
    }
    case 'remove-element': {
      const arr = nodeFor(intent.array.range);
      if (arr?.type !== 'array') return { refused: 'not a TOML array' };
      const index = entriesOf(arr).findIndex((e) => e.startIndex === intent.element.range.start);
      if (index < 0) return { refused: 'not an element of the array' };
      return { edits: [removeListItem(text, listShape(arr), index)] };
    }
    case 'add-alongside': {
      if (!text.startsWith(intent.from, intent.at)) return { refused: `"${intent.from}" is not at the given offset` };
      for (const c of collectionsAt(root, intent.at)) {
        const er = entryRange(c.entry);
        const src = text.slice(er.start, er.end);
        if (c.kind === 'map') {
          const k = c.entry.namedChildren[0]?.text ?? '';
          if (k.split(intent.from).join(intent.to) === k) continue; // the key would repeat
        }
        const copy = relativeLines(src.split(intent.from).join(intent.to), indentOf(text, er.start));
        if (c.node.type === 'array' || c.node.type === 'inline_table') {
          const inner = { start: c.node.startIndex + 1, end: c.node.endIndex - 1 };
          return { edits: [insertListItem(text, { ...listShape(c.node), inner, afterIndex: c.items.findIndex((i) => i.id === c.entry.id), indentUnit: indentUnitOf(text) }, copy)] };
        }
        const end = lineEndOf(text, c.entry.endIndex);
        return { edits: [{ start: end, end, text: eolOf(text) + indentOf(text, er.start) + copy }] };
      }
      // A `[[table]]` record: the whole element is copied after itself, separated by a blank line.
      const element = [...ancestors(nodeAt(root, intent.at) ?? root)].find((a) => a.type === 'table_array_element');
      if (element) {
        const r = trimmedRange(text, element);
        const copy = text.slice(r.start, r.end).split(intent.from).join(intent.to);
        const eol = eolOf(text);
        return { edits: [{ start: r.end, end: r.end, text: eol + eol + copy }] };
      }
      return { refused: 'no TOML array item or table entry holding the model ID can be duplicated' };
    }
    case 'remove-field': {
      const pair = nodeFor(intent.field.range);
      if (pair?.type !== 'pair' || !pair.parent) return { refused: 'not a TOML key/value pair' };
      if (pair.parent.type === 'inline_table') return { edits: [removeListItem(text, listShape(pair.parent), entriesOf(pair.parent).findIndex((e) => e.id === pair.id))] };
      const ls = lineStartOf(text, pair.startIndex);
      return { edits: [{ start: ls, end: nextLineStart(text, lineEndOf(text, pair.endIndex)), text: '' }] };
    }
    default:
      return { refused: `TOML files carry no requests: ${intent.kind} is not rendered` };
  }
}

async function parse(text: string): Promise<ParsedFile> {
  const parser = await getParser('toml');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter-toml returned no tree');
  const root = tree.rootNode;
  const strings: ParsedFile['view']['strings'] = [];
  const comments: Range[] = [];
  walk(root, (n) => {
    if (n.type === 'comment') comments.push(rangeOf(n));
    else if (n.type === 'string') {
      const s = tomlString(n);
      strings.push({ range: rangeOf(n), contentRange: { start: n.startIndex + s.quote, end: n.endIndex - s.quote }, value: s.value });
      return false;
    }
  });
  let disposed = false;
  return {
    view: { language: 'toml', requests: [], clients: [], responseUses: [], tools: [], strings, comments, syntaxErrors: countSyntaxErrors(root) },
    contextAt(offset): OffsetContext {
      if (disposed) return { inString: false, inComment: false };
      const inComment = comments.some((c) => inRange(c, offset));
      const ctx: OffsetContext = { inString: strings.some((s) => inRange(s.range, offset)), inComment };
      const collection = inComment ? undefined : registryCollection(text, collectionsAt(root, offset));
      if (collection) ctx.collection = collection;
      return ctx;
    },
    render: (intent) => (disposed ? { refused: 'parsed file already disposed' } : render(root, text, intent)),
    dispose() {
      if (!disposed) tree.delete();
      disposed = true;
    },
  };
}

export const adapter: LanguageAdapter = {
  id: 'toml',
  extensions: ['.toml'],
  parse: (text) => parse(text),
  async countSyntaxErrors(text) {
    const parser = await getParser('toml');
    const tree = parser.parse(text);
    if (!tree) return 1;
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
};
