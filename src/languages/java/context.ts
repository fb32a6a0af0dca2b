// What surrounds an offset in Java source: the innermost literal collection (array initializer,
// List.of/Set.of/Arrays.asList/Map.of arguments, Map.entry, enum constants, switch labels), gate
// (==, equals, startsWith, contains, matches…) and assert (assertX / assertThat chains).
import type { Node } from 'web-tree-sitter';
import type { OffsetContext } from '../types.js';
import { ancestors, contains, nodeAt, rangeOf } from '../tree-sitter/common.js';
import type { JavaAnalysis } from './views.js';

export interface JavaConstructs {
  collection?: { kind: 'map' | 'list' | 'set' | 'enum' | 'switch'; node: Node; entry: Node; entries: number; inKey?: boolean; items: Node[]; arrow?: boolean };
  gate?: Node;
  assert?: Node;
}

const LIST_FACTORIES = /^(List|Arrays|ImmutableList|Stream|Lists)\.(of|asList|copyOf|newArrayList)$/;
const SET_FACTORIES = /^(Set|ImmutableSet|EnumSet|Sets)\.(of|copyOf|newHashSet)$/;
const MAP_FACTORIES = /^(Map|ImmutableMap)\.(of)$/;
const GATE_METHODS = /^(equals|equalsIgnoreCase|startsWith|endsWith|contains|matches|containsKey|contentEquals|regionMatches)$/;

function callName(inv: Node): string {
  const object = inv.childForFieldName('object');
  const name = inv.childForFieldName('name')?.text ?? '';
  return object ? `${object.text.split('.').pop()}.${name}` : name;
}

export function javaConstructs(root: Node, offset: number): JavaConstructs {
  const out: JavaConstructs = {};
  const at = nodeAt(root, offset);
  if (!at) return out;
  let child: Node = at;
  for (const a of ancestors(at)) {
    if (!out.collection) {
      if (a.type === 'array_initializer') {
        const items = a.namedChildren.filter((c) => !/comment/.test(c.type));
        out.collection = { kind: 'list', node: a, entry: child, entries: items.length, items };
      } else if (a.type === 'argument_list' && a.parent?.type === 'method_invocation') {
        const name = callName(a.parent);
        const items = a.namedChildren.filter((c) => !/comment/.test(c.type));
        if (LIST_FACTORIES.test(name)) out.collection = { kind: 'list', node: a.parent, entry: child, entries: items.length, items };
        else if (SET_FACTORIES.test(name)) out.collection = { kind: 'set', node: a.parent, entry: child, entries: items.length, items };
        else if (MAP_FACTORIES.test(name)) {
          const index = items.findIndex((i) => i.id === child.id);
          out.collection = { kind: 'map', node: a.parent, entry: child, entries: Math.floor(items.length / 2), inKey: index % 2 === 0, items };
        } else if (/^(Map\.entry|entry|Map\.Entry|SimpleEntry)$/.test(name) || name.endsWith('.entry')) {
          // Map.ofEntries(entry(k, v), …): the entry is the whole entry(...) call.
          const outer = a.parent.parent;
          const siblings = outer?.type === 'argument_list' ? outer.namedChildren.filter((c) => !/comment/.test(c.type)) : [a.parent];
          out.collection = { kind: 'map', node: outer?.parent ?? a.parent, entry: a.parent, entries: siblings.length, inKey: items[0]?.id === child.id, items: siblings };
        }
      } else if (a.type === 'enum_body' && child.type === 'enum_constant') {
        const items = a.namedChildren.filter((c) => c.type === 'enum_constant');
        out.collection = { kind: 'enum', node: a.parent ?? a, entry: child, entries: items.length, items };
      } else if (a.type === 'switch_label') {
        const block = a.parent?.parent; // switch_block
        const sw = block?.parent;
        const labels: Node[] = [];
        if (block) for (const c of block.namedChildren) for (const l of c.namedChildren) if (l.type === 'switch_label') labels.push(l);
        out.collection = { kind: 'switch', node: sw ?? a, entry: child, entries: labels.length, items: labels, arrow: a.parent?.type === 'switch_rule' };
      }
    }
    if (!out.gate) {
      if (a.type === 'binary_expression' && /^(==|!=)$/.test(a.childForFieldName('operator')?.text ?? '')) out.gate = a;
      else if (a.type === 'method_invocation' && GATE_METHODS.test(a.childForFieldName('name')?.text ?? '') && a.childForFieldName('object')) out.gate = a;
    }
    if (!out.assert && a.type === 'method_invocation' && /^(assert[A-Z]\w*|assertThat|verify)$/.test(a.childForFieldName('name')?.text ?? '')) {
      // assertThat(x).contains(...): the whole statement is the assert.
      let stmt: Node | null = a;
      while (stmt && stmt.type !== 'expression_statement' && stmt.type !== 'block') stmt = stmt.parent;
      out.assert = stmt?.type === 'expression_statement' ? stmt : a;
    }
    child = a;
  }
  return out;
}

export function javaContextAt(root: Node, analysis: JavaAnalysis, offset: number): OffsetContext {
  const inString = analysis.view.strings.some((s) => contains(s.range, offset));
  const inComment = analysis.view.comments.some((c) => contains(c, offset));
  const ctx: OffsetContext = { inString, inComment };
  if (inComment) return ctx;
  const c = javaConstructs(root, offset);
  if (c.collection) {
    ctx.collection = { kind: c.collection.kind, range: rangeOf(c.collection.node), entries: c.collection.entries, entry: rangeOf(c.collection.entry), ...(c.collection.inKey !== undefined ? { inKey: c.collection.inKey } : {}) };
  }
  if (c.gate) ctx.gate = rangeOf(c.gate);
  if (c.assert) ctx.assert = rangeOf(c.assert);
  if (analysis.modelRanges.some((r) => contains(r, offset))) ctx.requestModel = true;
  return ctx;
}
