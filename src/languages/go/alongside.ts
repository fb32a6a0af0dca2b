// add-alongside for Go: keep the old model ID and add the new one next to it in the innermost
// enclosing construct (slice element, map entry, const-group member, case value, gate, assert).
import type { Node } from 'web-tree-sitter';
import { copiedEntry, eolOf, indentOf, insertListItem, lineEndOf } from '../edit-helpers.js';
import type { RenderResult } from '../types.js';
import { rangeOf, renameIdentifierForModel } from '../tree-sitter/common.js';
import { goConstructs } from './context.js';
import type { GoRenderContext } from './render.js';

function size(n: Node | undefined): number {
  return n ? n.endIndex - n.startIndex : Infinity;
}

export function alongsideGo(ctx: GoRenderContext, at: number, from: string, to: string): RenderResult {
  const { text, root } = ctx;
  if (!text.startsWith(from, at)) return { refused: `"${from}" is not at the given offset` };
  const c = goConstructs(root, at);
  const entry = c.collection?.entry;
  const candidates = [
    { kind: 'collection' as const, node: entry },
    // A membership test inside an assert is the assert's subject: the assert is duplicated instead.
    { kind: 'gate' as const, node: c.gate && c.assert && c.assert.startIndex <= c.gate.startIndex && c.gate.endIndex <= c.assert.endIndex ? undefined : c.gate },
    { kind: 'assert' as const, node: c.assert },
  ].filter((x) => x.node && x.node.startIndex <= at && at + from.length <= x.node.endIndex);
  if (!candidates.length) return { refused: 'no collection entry, case, gate or assert encloses the model ID' };
  const pick = candidates.reduce((a, b) => (size(b.node) < size(a.node) ? b : a));
  const node = pick.node!;
  const copy = text.slice(node.startIndex, at) + to + text.slice(at + from.length, node.endIndex);
  const eol = eolOf(text);

  if (pick.kind === 'gate') {
    const op = node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '!=' ? '&&' : '||';
    // Parenthesise unless the surrounding operator binds no tighter than the one added.
    const parentOp = node.parent?.type === 'binary_expression' ? node.parent.childForFieldName('operator')?.text : undefined;
    const needParens = node.parent?.type === 'unary_expression' || (parentOp !== undefined && !(parentOp === '||' || (op === '&&' && parentOp === '&&')));
    const joined = `${node.text} ${op} ${copy}`;
    return { edits: [{ start: node.startIndex, end: node.endIndex, text: needParens ? `(${joined})` : joined }] };
  }
  if (pick.kind === 'assert') {
    const end = lineEndOf(text, node.endIndex);
    if (!/^[ \t]*(\/\/.*)?$/.test(text.slice(node.endIndex, end))) return { refused: 'the assert shares its line with other code' };
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, node.startIndex)}${copy}` }] };
  }
  const col = c.collection!;
  if (col.kind === 'switch') {
    // `case "old":` → `case "old", "new":`
    return { edits: [{ start: node.endIndex, end: node.endIndex, text: `, ${copy}` }] };
  }
  if (col.kind === 'enum') {
    // A const group member needs a distinct name: rename it after the new ID.
    const names = node.childrenForFieldName('name');
    if (names.length !== 1) return { refused: 'the constant declares several names' };
    const renamed = renameIdentifierForModel(names[0].text, from, to);
    if (!renamed) return { refused: `cannot derive a constant name for ${to} from ${names[0].text}` };
    const rel = names[0].startIndex - node.startIndex;
    const member = copy.slice(0, rel) + renamed + copy.slice(rel + names[0].text.length);
    const end = lineEndOf(text, node.endIndex);
    return { edits: [{ start: end, end, text: `${eol}${indentOf(text, node.startIndex)}${member}` }] };
  }
  const items = (col.items ?? []).map(rangeOf);
  const index = items.findIndex((r) => r.start === node.startIndex && r.end === node.endIndex);
  const body = col.node.childForFieldName('body');
  if (index < 0 || !body) return { refused: 'the entry is not an element of its literal' };
  // Made relative (not across a raw string, whose text it is): insertListItem re-bases continuation lines.
  const edit = insertListItem(text, { items, separator: ',', trailingSeparatorAllowed: true, lineComment: ['//'], inner: { start: body.startIndex + 1, end: body.endIndex - 1 }, afterIndex: index }, copiedEntry(text, node.startIndex, copy, copy.includes('`')));
  return { edits: [edit] };
}
