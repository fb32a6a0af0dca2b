import { describe, expect, it } from 'vitest';
import { applyTextEdits, insertListItem, removeListItem, type ListShape } from '../../src/languages/edit-helpers.js';
import type { Range } from '../../src/languages/types.js';

/** Ranges of the comma-separated items `names` as they appear in `text`. */
function itemsOf(text: string, names: string[]): Range[] {
  let from = 0;
  return names.map((n) => {
    const start = text.indexOf(n, from);
    from = start + n.length;
    return { start, end: start + n.length };
  });
}

function shape(text: string, names: string[], trailing = true): ListShape {
  return { items: itemsOf(text, names), separator: ',', trailingSeparatorAllowed: trailing, lineComment: ['#', '//'] };
}

describe('removeListItem', () => {
  const multi = 'f(\n    a=1,\n    b=2,  # creative\n    c=3,\n)\n';
  it('removes a middle item alone on its line with its trailing comment', () => {
    const e = removeListItem(multi, shape(multi, ['a=1', 'b=2', 'c=3']), 1);
    expect(applyTextEdits(multi, [e])).toBe('f(\n    a=1,\n    c=3,\n)\n');
  });
  it('removes the last item on its own line', () => {
    const e = removeListItem(multi, shape(multi, ['a=1', 'b=2', 'c=3']), 2);
    expect(applyTextEdits(multi, [e])).toBe('f(\n    a=1,\n    b=2,  # creative\n)\n');
  });
  it('keeps a comment on the line above the removed item', () => {
    const t = 'f(\n    a=1,\n    # note about b\n    b=2,\n)\n';
    const e = removeListItem(t, shape(t, ['a=1', 'b=2']), 1);
    expect(applyTextEdits(t, [e])).toBe('f(\n    a=1,\n    # note about b\n)\n');
  });
  it('removes the previous separator when trailing separators are not allowed (JSON)', () => {
    const t = '{\n  "a": 1,\n  "b": 2\n}\n';
    const e = removeListItem(t, shape(t, ['"a": 1', '"b": 2'], false), 1);
    expect(applyTextEdits(t, [e])).toBe('{\n  "a": 1\n}\n');
  });
  it('handles inline lists in every position', () => {
    const t = 'f(a=1, b=2, c=3)';
    expect(applyTextEdits(t, [removeListItem(t, shape(t, ['a=1', 'b=2', 'c=3']), 0)])).toBe('f(b=2, c=3)');
    expect(applyTextEdits(t, [removeListItem(t, shape(t, ['a=1', 'b=2', 'c=3']), 1)])).toBe('f(a=1, c=3)');
    expect(applyTextEdits(t, [removeListItem(t, shape(t, ['a=1', 'b=2', 'c=3']), 2)])).toBe('f(a=1, b=2)');
    const one = 'f(a=1)';
    expect(applyTextEdits(one, [removeListItem(one, shape(one, ['a=1']), 0)])).toBe('f()');
  });
  it('preserves CRLF line endings', () => {
    const t = 'f(\r\n    a=1,\r\n    b=2,\r\n)\r\n';
    const e = removeListItem(t, shape(t, ['a=1', 'b=2']), 1);
    expect(applyTextEdits(t, [e])).toBe('f(\r\n    a=1,\r\n)\r\n');
  });
});

describe('insertListItem', () => {
  it('appends to a multi-line list keeping the trailing comma habit', () => {
    const t = 'f(\n    a=1,\n    b=2,\n)\n';
    const s = shape(t, ['a=1', 'b=2']);
    const e = insertListItem(t, { ...s, inner: { start: 2, end: t.lastIndexOf(')') } }, 'c=3');
    expect(applyTextEdits(t, [e])).toBe('f(\n    a=1,\n    b=2,\n    c=3,\n)\n');
  });
  it('appends to a multi-line list without a trailing comma', () => {
    const t = 'f(\n    a=1,\n    b=2\n)\n';
    const s = shape(t, ['a=1', 'b=2']);
    const e = insertListItem(t, { ...s, inner: { start: 2, end: t.lastIndexOf(')') } }, 'c=3');
    expect(applyTextEdits(t, [e])).toBe('f(\n    a=1,\n    b=2,\n    c=3\n)\n');
  });
  it('appends inline', () => {
    const t = 'f(a=1, b=2)';
    const s = shape(t, ['a=1', 'b=2']);
    expect(applyTextEdits(t, [insertListItem(t, { ...s, inner: { start: 2, end: 10 } }, 'c=3')])).toBe('f(a=1, b=2, c=3)');
  });
  it('re-bases a multi-line item onto the list indentation', () => {
    const t = '{\n  a: 1,\n}\n';
    const s = shape(t, ['a: 1']);
    const e = insertListItem(t, { ...s, inner: { start: 1, end: t.lastIndexOf('}') } }, 'b: {\n  c: 2,\n}');
    expect(applyTextEdits(t, [e])).toBe('{\n  a: 1,\n  b: {\n    c: 2,\n  },\n}\n');
  });
  it('fills an empty inline container', () => {
    const t = 'f()';
    const e = insertListItem(t, { items: [], separator: ',', trailingSeparatorAllowed: true, inner: { start: 2, end: 2 } }, 'a=1');
    expect(applyTextEdits(t, [e])).toBe('f(a=1)');
  });
});
