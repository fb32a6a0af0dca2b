// What surrounds an offset in TS/JS source: string/comment, the innermost literal collection (object
// literal, array, `new Set([...])`, `new Map([[k, v]])`, enum, string-literal union type, switch
// case), gate (comparison, `.startsWith/.includes/.test/...`) and assert (`expect(...)…`,
// `assert.…(...)`). Shared by contextAt and the add-alongside renderer so both agree on "the
// enclosing construct". Request params objects are call arguments, not collections.
import type { OffsetContext, Range } from '../types.js';
import { calleeName, contains, rangeOf, ts, unwrap } from './syntax.js';
import type { TsAnalysis } from './views.js';

export interface TsCollection {
  kind: 'map' | 'list' | 'set' | 'enum' | 'union' | 'switch';
  node: ts.Node;
  entry: ts.Node;
  /** The entry's own range when it is not the whole node (a case label without its statements). */
  entryRange: Range;
  entries: number;
  inKey?: boolean;
  items: ts.Node[];
}

export interface TsConstructs {
  /** Every enclosing collection, innermost first (add-alongside may need an outer one). */
  collections: TsCollection[];
  gate?: ts.Node;
  assert?: ts.Node;
}

const GATE_METHODS = /^(startsWith|endsWith|includes|match|matchAll|test|search|indexOf|lastIndexOf|has|localeCompare|isMatch|minimatch)$/;
const GATE_HELPERS = /^(?:starts?With|ends?With|includes?|contains?|matches?|hasPrefix)(?:Any|Some|One|All|Prefix|Prefixes)?$/i;
const GATE_OPERATORS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword]);
const ASSERT_ROOTS = /^(expect|assert|expectTypeOf|assertType|should|chai)$/;

/** The deepest node (not token) whose own text holds `offset`. */
export function nodeAt(sf: ts.SourceFile, offset: number): ts.Node {
  let cur: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(cur, (c) => {
      if (next) return;
      if (c.getStart(sf) <= offset && offset < c.getEnd()) next = c;
    });
    if (!next) return cur;
    cur = next;
  }
}

/** `expect(a).toBe(b)` → expect; `assert.equal(a, b)` → assert. */
function chainRoot(call: ts.CallExpression): string | undefined {
  let e: ts.Expression = call.expression;
  for (;;) {
    e = unwrap(e);
    if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
    else break;
  }
  return ts.isIdentifier(e) ? e.text : undefined;
}

function caseLabelRange(clause: ts.CaseClause, sf: ts.SourceFile): Range {
  const start = clause.getStart(sf);
  // `case X:` ends at the colon after the expression.
  const colon = sf.text.indexOf(':', clause.expression.getEnd());
  return { start, end: colon >= 0 ? colon + 1 : clause.expression.getEnd() };
}

export function tsConstructs(a: TsAnalysis, offset: number): TsConstructs {
  const { sf } = a;
  const out: TsConstructs = { collections: [] };
  const at = nodeAt(sf, offset);
  let child: ts.Node = at;
  let mapPair: ts.Node | undefined;
  for (let p: ts.Node | undefined = at.parent; p; child = p, p = p.parent) {
    if (ts.isObjectLiteralExpression(p) && ts.isObjectLiteralElementLike(child) && p.properties.includes(child as ts.ObjectLiteralElementLike)) {
      const name = (child as ts.ObjectLiteralElementLike).name;
      const inKey = !!name && name.getStart(sf) <= offset && offset < name.getEnd();
      const isArgument = (ts.isCallExpression(p.parent) || ts.isNewExpression(p.parent)) && p.parent.arguments?.includes(p);
      if (!a.paramsObjects.has(p) && !(isArgument && !inKey)) {
        out.collections.push({ kind: 'map', node: p, entry: child, entryRange: rangeOf(child, sf), entries: p.properties.length, inKey, items: [...p.properties] });
      }
    } else if (ts.isArrayLiteralExpression(p) && p.elements.includes(child as ts.Expression)) {
      const items = p.elements.filter((e) => !ts.isOmittedExpression(e));
      const outer = p.parent;
      const isMapEntries = ts.isNewExpression(outer) && calleeName(outer) === 'Map' && outer.arguments?.[0] === p;
      if (child === mapPair) {
        // Already recorded as the map entry.
      } else if (isMapEntries && ts.isArrayLiteralExpression(child)) {
        out.collections.push({ kind: 'map', node: p, entry: child, entryRange: rangeOf(child, sf), entries: items.length, inKey: child.elements[0] ? contains(rangeOf(child.elements[0], sf), offset) : false, items });
      } else {
        const pairOfMap = ts.isArrayLiteralExpression(outer) && ts.isNewExpression(outer.parent) && calleeName(outer.parent) === 'Map' && outer.parent.arguments?.[0] === outer;
        if (pairOfMap) {
          mapPair = p;
          out.collections.push({ kind: 'map', node: outer, entry: p, entryRange: rangeOf(p, sf), entries: outer.elements.length, inKey: p.elements[0] === child, items: [...outer.elements] });
        } else {
          const isSet = ts.isNewExpression(outer) && calleeName(outer) === 'Set';
          out.collections.push({ kind: isSet ? 'set' : 'list', node: p, entry: child, entryRange: rangeOf(child, sf), entries: items.length, items });
        }
      }
    } else if (ts.isEnumDeclaration(p) && ts.isEnumMember(child)) {
      out.collections.push({ kind: 'enum', node: p, entry: child, entryRange: rangeOf(child, sf), entries: p.members.length, inKey: contains(rangeOf(child.name, sf), offset), items: [...p.members] });
    } else if (ts.isUnionTypeNode(p) && p.types.includes(child as ts.TypeNode)) {
      out.collections.push({ kind: 'union', node: p, entry: child, entryRange: rangeOf(child, sf), entries: p.types.length, items: [...p.types] });
    } else if (ts.isCaseClause(p) && p.expression === child) {
      const block = p.parent;
      out.collections.push({ kind: 'switch', node: block.parent, entry: p, entryRange: caseLabelRange(p, sf), entries: block.clauses.length, items: [...block.clauses] });
    }
    if (!out.gate) {
      if (ts.isBinaryExpression(p) && GATE_OPERATORS.has(p.operatorToken.kind)) out.gate = p;
      else if (ts.isCallExpression(p) && GATE_METHODS.test(calleeName(p)) && ts.isPropertyAccessExpression(unwrap(p.expression))) out.gate = p;
      // A project's own prefix/substring helper handed the IDs: `startsWithAny(model, ["claude-opus-4-7"])`.
      else if (ts.isCallExpression(p) && ts.isIdentifier(unwrap(p.expression)) && GATE_HELPERS.test(calleeName(p)) && p.arguments.some((a) => a.pos <= child.pos && child.end <= a.end)) out.gate = p;
    }
    if (!out.assert && ts.isCallExpression(p) && ASSERT_ROOTS.test(chainRoot(p) ?? '')) {
      // The whole statement (`expect(x).toContain('…');`) when the chain is one.
      let top: ts.Node = p;
      while (top.parent && (ts.isCallExpression(top.parent) || ts.isPropertyAccessExpression(top.parent) || ts.isAwaitExpression(top.parent) || ts.isElementAccessExpression(top.parent))) top = top.parent;
      out.assert = ts.isExpressionStatement(top.parent) ? top.parent : top;
    }
  }
  return out;
}

export function tsContextAt(a: TsAnalysis, offset: number): OffsetContext {
  const view = a.view;
  const inString = view.strings.some((s) => contains(s.range, offset));
  const inComment = view.comments.some((c) => contains(c, offset));
  const ctx: OffsetContext = { inString, inComment };
  if (inComment) return ctx;
  const c = tsConstructs(a, offset);
  const col = c.collections[0];
  if (col) {
    const outer = c.collections[1];
    const recordList = col.kind === 'map' && outer && (outer.kind === 'list' || outer.kind === 'set') && outer.entry === col.node ? { range: rangeOf(outer.node, a.sf), entries: outer.entries } : undefined;
    ctx.collection = { kind: col.kind, range: rangeOf(col.node, a.sf), entries: col.entries, entry: col.entryRange, ...(col.kind === 'map' && col.inKey !== undefined ? { inKey: col.inKey } : {}), ...(recordList ? { recordList } : {}) };
    if (c.collections.length > 1) ctx.collection.outermost = rangeOf(c.collections[c.collections.length - 1].node, a.sf);
  }
  if (c.gate) ctx.gate = rangeOf(c.gate, a.sf);
  if (c.assert) ctx.assert = rangeOf(c.assert, a.sf);
  if (a.modelRanges.some((r) => contains(r, offset))) ctx.requestModel = true;
  return ctx;
}
