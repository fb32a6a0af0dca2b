// What surrounds an offset in Python source: string/comment, the innermost literal collection (dict,
// list/tuple, set, Enum class body, `Literal[...]`, match-case pattern), gate (comparison, `in`,
// startswith / re.match) and assert (`assert`, `self.assertIn(...)`). Shared by contextAt and the
// add-alongside renderer so both agree on what "the enclosing construct" is.
import type { Node } from 'web-tree-sitter';
import type { OffsetContext, Range } from '../types.js';
import { ancestors, contains, nodeAt, rangeOf } from '../tree-sitter/common.js';
import type { PyAnalysis } from './views.js';

export interface PyCollection {
  kind: 'map' | 'list' | 'set' | 'enum' | 'union' | 'switch';
  node: Node;
  entry: Node;
  entries: number;
  inKey?: boolean;
  /** The entries (for list/set/map: to insert after `entry`). */
  items: Node[];
}

export interface PyConstructs {
  /** Every enclosing collection, innermost first (add-alongside may need an outer one). */
  collections: PyCollection[];
  gate?: Node;
  assert?: Node;
}

const GATE_METHODS = /^(startswith|endswith|match|search|fullmatch|fnmatch|fnmatchcase|__contains__|contains)$/;
const ENUM_BASES = /\b(Enum|StrEnum|IntEnum|Flag)\b/;

const entriesOf = (n: Node) => n.namedChildren.filter((c) => c.type !== 'comment');

function callName(call: Node): string {
  const fn = call.childForFieldName('function');
  if (!fn) return '';
  return fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : fn.text;
}

export function pyConstructs(root: Node, offset: number): PyConstructs {
  const out: PyConstructs = { collections: [] };
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    switch (a.type) {
      case 'dictionary':
        if (child.type === 'pair') {
          const key = child.childForFieldName('key');
          const items = entriesOf(a);
          out.collections.push({ kind: 'map', node: a, entry: child, entries: items.length, inKey: !!key && offset >= key.startIndex && offset < key.endIndex, items });
        }
        break;
      case 'list':
      case 'tuple':
      case 'set': {
        const items = entriesOf(a);
        if (items.some((i) => i.id === child.id)) out.collections.push({ kind: a.type === 'set' ? 'set' : 'list', node: a, entry: child, entries: items.length, items });
        break;
      }
      case 'subscript': {
        // `Literal["claude-a", "claude-b"]` type unions.
        const value = a.childForFieldName('value');
        const subs = a.childrenForFieldName('subscript');
        if (value && /(^|\.)Literal$/.test(value.text) && subs.some((s) => s.id === child.id)) {
          out.collections.push({ kind: 'union', node: a, entry: child, entries: subs.length, items: subs });
        }
        break;
      }
      case 'block': {
        const cls = a.parent;
        const bases = cls?.type === 'class_definition' ? cls.childForFieldName('superclasses')?.text ?? '' : '';
        if (ENUM_BASES.test(bases) && child.type === 'expression_statement' && child.namedChildren[0]?.type === 'assignment') {
          const members = a.namedChildren.filter((s) => s.type === 'expression_statement' && s.namedChildren[0]?.type === 'assignment');
          out.collections.push({ kind: 'enum', node: cls!, entry: child, entries: members.length, items: members });
        }
        break;
      }
      case 'case_pattern': {
        // `case "a" | "b":`: the entry is the alternative holding the offset.
        const clause = a.parent;
        const match = clause?.parent?.parent;
        if (clause?.type === 'case_clause' && match?.type === 'match_statement') {
          // `case "a" | "b":` nests the strings in a union_pattern: the entry is the alternative holding the offset.
          const entry = child.type === 'union_pattern' ? child.namedChildren.find((n) => n.startIndex <= offset && offset < n.endIndex) : child.parent?.id === a.id ? child : undefined;
          const clauses = match.descendantsOfType('case_clause').filter((c) => c.parent?.parent?.id === match.id);
          if (entry && (entry.type === 'string' || entry.type === 'concatenated_string')) out.collections.push({ kind: 'switch', node: match, entry, entries: clauses.length, items: [entry] });
        }
        break;
      }
    }
    if (!out.gate) {
      if (a.type === 'comparison_operator') out.gate = a;
      else if (a.type === 'call' && GATE_METHODS.test(callName(a))) out.gate = a;
    }
    if (!out.assert) {
      if (a.type === 'assert_statement') out.assert = a;
      else if (a.type === 'call' && /^(assert|expect$)/i.test(callName(a))) out.assert = a.parent?.type === 'expression_statement' ? a.parent : a;
    }
    child = a;
  }
  return out;
}

export function pyContextAt(root: Node, analysis: PyAnalysis, offset: number): OffsetContext {
  const view = analysis.view;
  const inString = view.strings.some((s) => contains(s.range, offset));
  const inComment = view.comments.some((c) => contains(c, offset));
  const ctx: OffsetContext = { inString, inComment };
  if (inComment) return ctx;
  const c = pyConstructs(root, offset);
  const col = c.collections[0];
  if (col) {
    const outer = c.collections[1];
    const recordList = col.kind === 'map' && outer && (outer.kind === 'list' || outer.kind === 'set') && outer.entry.id === col.node.id ? { range: rangeOf(outer.node), entries: outer.entries } : undefined;
    ctx.collection = { kind: col.kind, range: rangeOf(col.node), entries: col.entries, entry: rangeOf(col.entry), ...(col.inKey !== undefined && col.kind === 'map' ? { inKey: col.inKey } : {}), ...(recordList ? { recordList } : {}) };
    if (c.collections.length > 1) ctx.collection.outermost = rangeOf(c.collections[c.collections.length - 1].node);
  }
  if (c.gate) ctx.gate = rangeOf(c.gate);
  if (c.assert) ctx.assert = rangeOf(c.assert);
  if (analysis.modelRanges.some((r: Range) => contains(r, offset))) ctx.requestModel = true;
  return ctx;
}
