// What surrounds an offset in Go source: string/comment, the innermost literal collection (slice,
// map, const group used as an enum, switch case), gate (comparison, strings.Contains/HasPrefix,
// regexp match, slices.Contains) and assert (testify assert/require). Shared by contextAt and the
// add-alongside renderer so both agree on what "the enclosing construct" is.
import type { Node } from 'web-tree-sitter';
import type { OffsetContext, Range } from '../types.js';
import { ancestors, contains, nodeAt, rangeOf } from '../tree-sitter/common.js';
import type { GoAnalysis } from './views.js';

export interface GoConstructs {
  /** Collection holding the offset and the entry node (literal_element / keyed_element / const_spec / case value). */
  collection?: { kind: 'map' | 'list' | 'enum' | 'switch'; node: Node; entry: Node; entries: number; inKey?: boolean; items?: Node[] };
  gate?: Node;
  assert?: Node;
}

const GATE_FUNCS = /^(strings\.(Contains|HasPrefix|HasSuffix|EqualFold|Index|ContainsAny)|slices\.(Contains|Index)|regexp\.(MatchString|Match)|\w+\.(MatchString|Match))$/;
const ASSERT_OPERANDS = /^(assert|require|is|s|suite|a|r)$/;

function compositeKind(lit: Node): 'map' | 'list' | undefined {
  const type = lit.childForFieldName('type');
  if (type?.type === 'map_type') return 'map';
  if (type?.type === 'slice_type' || type?.type === 'array_type' || type?.type === 'implicit_length_array_type') return 'list';
  return undefined;
}

export function goConstructs(root: Node, offset: number): GoConstructs {
  const out: GoConstructs = {};
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of [at, ...ancestors(at)]) {
    if (a !== at) {
      // `child` is the ancestor we came from.
      if (!out.collection) {
        if (a.type === 'literal_value' && (child.type === 'literal_element' || child.type === 'keyed_element')) {
          const lit = a.parent?.type === 'composite_literal' ? a.parent : undefined;
          // An untyped `{…}` inside a slice is an element, not a collection of its own.
          const kind = lit ? compositeKind(lit) : undefined;
          const items = a.namedChildren.filter((c) => c.type === 'literal_element' || c.type === 'keyed_element');
          if (kind) {
            const inKey = child.type === 'keyed_element' ? offset < (child.namedChildren[0]?.endIndex ?? 0) : undefined;
            out.collection = { kind, node: lit!, entry: child, entries: items.length, inKey, items };
          }
        } else if (a.type === 'const_declaration' && child.type === 'const_spec') {
          const specs = a.namedChildren.filter((c) => c.type === 'const_spec');
          // A const group is an enum of models when two or more of its constants name one; a group of
          // unrelated settings (`DefaultBaseURL = …; defaultModel = "claude-…"`) is not.
          if (specs.filter((c) => /claude-|Claude/.test(c.text)).length >= 2) out.collection = { kind: 'enum', node: a, entry: child, entries: specs.length, items: specs };
        } else if (a.type === 'expression_list' && a.parent?.type === 'expression_case' && a.parent.childForFieldName('value')?.id === a.id) {
          const sw = a.parent.parent;
          if (sw) {
            const cases = sw.namedChildren.filter((c) => c.type === 'expression_case' || c.type === 'default_case');
            out.collection = { kind: 'switch', node: sw, entry: child, entries: cases.length, items: a.namedChildren };
          }
        }
      }
    }
    if (!out.gate) {
      if (a.type === 'binary_expression' && /^(==|!=)$/.test(a.childForFieldName('operator')?.text ?? '')) out.gate = a;
      else if (a.type === 'call_expression' && GATE_FUNCS.test(a.childForFieldName('function')?.text ?? '')) out.gate = a;
    }
    if (!out.assert && a.type === 'call_expression') {
      const fn = a.childForFieldName('function');
      const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      const opText = operand?.type === 'call_expression' ? operand.childForFieldName('function')?.text.replace(/^.*\./, '') : operand?.text;
      if (operand && (ASSERT_OPERANDS.test(opText ?? '') || opText === 'Require' || opText === 'Assert') && /^[A-Z]/.test(fn!.childForFieldName('field')?.text ?? '')) {
        out.assert = a.parent?.type === 'expression_statement' ? a.parent : a;
      }
    }
    child = a;
  }
  return out;
}

export function goContextAt(root: Node, analysis: GoAnalysis, offset: number): OffsetContext {
  const view = analysis.view;
  const inString = view.strings.some((s) => contains(s.range, offset));
  const inComment = view.comments.some((c) => contains(c, offset));
  const ctx: OffsetContext = { inString, inComment };
  if (inComment) return ctx;
  const c = goConstructs(root, offset);
  if (c.collection) {
    const kind = c.collection.kind === 'list' ? 'list' : c.collection.kind;
    ctx.collection = { kind, range: rangeOf(c.collection.node), entries: c.collection.entries, entry: rangeOf(c.collection.entry), ...(c.collection.inKey !== undefined ? { inKey: c.collection.inKey } : {}) };
  }
  if (c.gate) ctx.gate = rangeOf(c.gate);
  if (c.assert) ctx.assert = rangeOf(c.assert);
  if (analysis.modelRanges.some((r: Range) => contains(r, offset))) ctx.requestModel = true;
  return ctx;
}
