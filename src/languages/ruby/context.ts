// What surrounds an offset in Ruby source: the innermost literal collection (hash, array, `%w[]`,
// `Set[...]`, `case`/`when` or `case`/`in` pattern), gate (`==`, `include?`, `start_with?`, `=~`,
// `match?`…) and assert (`assert_*` / `refute_*`, RSpec `expect(…).to …`).
import type { Node } from 'web-tree-sitter';
import { ancestors, nodeAt, rangeOf } from '../tree-sitter/common.js';
import type { Constructs } from '../tree-sitter/shared-rpc.js';
import { usesTrailingComma } from './syntax.js';

const GATE_METHODS = /^(include\?|start_with\?|end_with\?|match\?|match|casecmp\?|eql\?|equal\?|key\?|has_key\?|member\?)$/;
const STATEMENT_PARENTS = new Set(['program', 'body_statement', 'then', 'else', 'do_block', 'block', 'block_body', 'begin', 'ensure', 'rescue', 'do', 'parenthesized_statements']);

/** RSpec `expect(x).to include("…")` / `is_expected.not_to eq("…")`: the ID sits in the matcher, not in `expect(…)`. */
function isRspecExpectation(call: Node): boolean {
  if (!/^(to|not_to|to_not)$/.test(call.childForFieldName('method')?.text ?? '')) return false;
  const recv = call.childForFieldName('receiver');
  if (recv?.type === 'identifier') return recv.text === 'is_expected';
  return recv?.type === 'call' && /^(expect|is_expected)$/.test(recv.childForFieldName('method')?.text ?? '');
}

const entriesOf = (n: Node) => n.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'heredoc_body');

function listCollection(a: Node, child: Node, text: string): NonNullable<Constructs['collection']> {
  const items = entriesOf(a);
  const isSet = a.parent?.type === 'argument_list' && a.parent.parent?.type === 'call' && a.parent.parent.childForFieldName('receiver')?.text === 'Set';
  const words = a.type !== 'array';
  return { kind: isSet ? 'set' : 'list', range: rangeOf(a), entries: items.length, entry: rangeOf(child), items: items.map(rangeOf), inner: { start: a.firstChild!.endIndex, end: a.lastChild!.startIndex }, trailingSeparatorAllowed: !words && usesTrailingComma(text, items.map(rangeOf), a.lastChild!.startIndex), separator: words ? ' ' : ',' };
}

export function rubyConstructs(root: Node, text: string, offset: number): Constructs {
  const out: Constructs = {};
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (!out.collection) {
      if (a.type === 'hash' && child.type === 'pair') {
        const items = entriesOf(a);
        const key = child.childForFieldName('key');
        out.collection = { kind: 'map', range: rangeOf(a), entries: items.length, entry: rangeOf(child), inKey: !!key && offset >= key.startIndex && offset < key.endIndex, items: items.map(rangeOf), inner: { start: a.startIndex + 1, end: a.endIndex - 1 }, trailingSeparatorAllowed: usesTrailingComma(text, items.map(rangeOf), a.endIndex - 1), ...(key ? { key: rangeOf(key) } : {}) };
      } else if ((a.type === 'array' || a.type === 'string_array' || a.type === 'symbol_array') && entriesOf(a).some((i) => i.id === child.id)) {
        out.collection = listCollection(a, child, text);
      } else if (a.type === 'when' && child.type === 'pattern') {
        const caseNode = a.parent;
        const whens = caseNode ? caseNode.namedChildren.filter((c) => c.type === 'when') : [a];
        out.collection = { kind: 'switch', range: rangeOf(caseNode ?? a), entries: whens.length, entry: rangeOf(child), switchStyle: 'list' };
      } else if (a.type === 'alternative_pattern' || (a.type === 'in_clause' && child.id === a.childForFieldName('pattern')?.id)) {
        const caseNode = a.type === 'in_clause' ? a.parent : a.parent?.parent;
        const clauses = caseNode ? caseNode.namedChildren.filter((c) => c.type === 'in_clause') : [];
        out.collection = { kind: 'switch', range: rangeOf(caseNode ?? a), entries: clauses.length, entry: rangeOf(child), switchStyle: 'pipe' };
      }
    }
    else if (out.collection.kind === 'map' && !out.collection.record && child.type === 'hash' && child.startIndex === out.collection.range.start && a.type === 'array' && entriesOf(a).some((i) => i.id === child.id)) {
      out.collection.record = listCollection(a, child, text);
    }
    if (!out.gate) {
      let gate: Node | undefined;
      let negative = false;
      if (a.type === 'binary' && /^(==|!=|===|=~|!~)$/.test(a.childForFieldName('operator')?.text ?? '')) {
        gate = a;
        negative = /^(!=|!~)$/.test(a.childForFieldName('operator')!.text);
      } else if (a.type === 'call' && GATE_METHODS.test(a.childForFieldName('method')?.text ?? '') && a.childForFieldName('arguments')) gate = a;
      if (gate) {
        const parent = gate.parent;
        const parentOp = parent?.type === 'binary' ? parent.childForFieldName('operator')?.text : undefined;
        const joinOp = negative ? '&&' : '||';
        // `||` binds looser than comparisons but tighter than `and`/`or`/`not` and modifiers.
        const needParens = (parentOp !== undefined && !['||', 'or', 'and', joinOp].includes(parentOp)) || (parent?.type === 'unary' && parent.childForFieldName('operator')?.text === '!');
        const args = gate.type === 'call' ? gate.childForFieldName('arguments') : undefined;
        out.gate = { range: rangeOf(gate), negative, needParens, wrapSides: !!args && args.firstChild?.type !== '(' };
      }
    }
    if (!out.assert && a.type === 'call' && (/^(assert\w*|refute\w*|expect|is_expected)$/.test(a.childForFieldName('method')?.text ?? '') || isRspecExpectation(a))) {
      let stmt: Node = a;
      while (stmt.parent && !STATEMENT_PARENTS.has(stmt.parent.type)) stmt = stmt.parent;
      out.assert = rangeOf(stmt);
    }
    child = a;
  }
  return out;
}
