import { describe, expect, it } from 'vitest';
import { backMapper, conflictsWith, joinOwnEdits, lineCol, lineStartsOf, mapBack, mergeAddFields, overlaps } from '../../src/engine/edits.js';
import { applyTextEdits } from '../../src/languages/edit-helpers.js';
import type { EditIntent, TextEdit, ValueView } from '../../src/languages/types.js';
import { isSuppressed, suppressionsOf } from '../../src/engine/suppress.js';

describe('overlaps', () => {
  it('treats two insertions at one point as a conflict, adjacent edits as compatible', () => {
    expect(overlaps({ start: 5, end: 5, text: 'a' }, { start: 5, end: 5, text: 'b' })).toBe(true);
    expect(overlaps({ start: 0, end: 5, text: '' }, { start: 5, end: 9, text: '' })).toBe(false);
    expect(overlaps({ start: 0, end: 6, text: '' }, { start: 5, end: 9, text: '' })).toBe(true);
    expect(overlaps({ start: 3, end: 3, text: 'x' }, { start: 0, end: 5, text: '' })).toBe(true);
    expect(conflictsWith([{ start: 1, end: 2, text: '' }], [{ start: 2, end: 3, text: '' }])).toBe(false);
  });
});

describe('joinOwnEdits', () => {
  it('drops duplicates and joins one finding\'s insertions at one point, import lines sorted', () => {
    const joined = joinOwnEdits([
      { start: 10, end: 10, text: 'import b.Thinking;\n' },
      { start: 0, end: 3, text: 'X' },
      { start: 10, end: 10, text: 'import a.Output;\n' },
      { start: 0, end: 3, text: 'X' },
    ]);
    expect(joined).toEqual([{ start: 0, end: 3, text: 'X' }, { start: 10, end: 10, text: 'import a.Output;\nimport b.Thinking;\n' }]);
    expect(conflictsWith(joined, [])).toBe(false);
  });
  it('joins an insertion strictly inside a replaced range to that replacement', () => {
    expect(joinOwnEdits([{ start: 8, end: 8, text: 'new' }, { start: 4, end: 12, text: '' }])).toEqual([{ start: 4, end: 12, text: 'new' }]);
    // Removing `, last: 1` up to the newline it keeps, adding `, next: 2` at the end of `last: 1`.
    const text = 'f(a: 0, last: 1\n)';
    const joined = joinOwnEdits([{ start: 6, end: 16, text: '\n' }, { start: 15, end: 15, text: ', next: 2' }], text);
    expect(applyTextEdits(text, joined)).toBe('f(a: 0, next: 2\n)');
  });
  it('keeps the order of insertions that are not lines of one kind', () => {
    expect(joinOwnEdits([{ start: 4, end: 4, text: ', b' }, { start: 4, end: 4, text: ', a' }])).toEqual([{ start: 4, end: 4, text: ', b, a' }]);
  });
});

describe('mapBack', () => {
  it('maps offsets after, before and inside edits to the original text', () => {
    const original = 'abcdefghij';
    const edits = [{ start: 2, end: 4, text: 'XYZW' }, { start: 7, end: 8, text: '' }];
    const next = applyTextEdits(original, edits);
    expect(next).toBe('abXYZWefgij');
    expect(mapBack(0, edits)).toBe(0);
    expect(mapBack(next.indexOf('e'), edits)).toBe(original.indexOf('e'));
    expect(mapBack(next.indexOf('i'), edits)).toBe(original.indexOf('i'));
    expect(mapBack(3, edits)).toBe(2); // inside the replacement: its start
  });

  it('backMapper answers as a walk over every edit would, for any non-overlapping edits and offset', () => {
    // The walk backMapper replaced: sort, then accumulate the length change of each edit before the offset.
    const walk = (offset: number, edits: TextEdit[]): number => {
      let delta = 0;
      for (const e of [...edits].sort((a, b) => a.start - b.start)) {
        const newStart = e.start + delta;
        if (offset < newStart) break;
        if (offset < newStart + e.text.length) return e.start;
        delta += e.text.length - (e.end - e.start);
      }
      return offset - delta;
    };
    let seed = 20261203;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 300; round++) {
      const edits: TextEdit[] = [];
      let at = rand(4);
      for (let k = rand(12); k > 0; k--) {
        const length = rand(3) === 0 ? 0 : rand(5); // insertions, deletions and replacements
        edits.push({ start: at, end: at + length, text: 'x'.repeat(rand(3) === 0 ? 0 : 1 + rand(6)) });
        at += length + (length === 0 ? 1 : rand(4)); // two insertions never share a point (they would conflict)
      }
      const shuffled = [...edits].sort(() => rand(3) - 1);
      const map = backMapper(shuffled);
      const produced = applyTextEdits('y'.repeat(at + 5), edits).length;
      for (let offset = 0; offset <= produced; offset++) expect(map(offset)).toBe(walk(offset, edits));
    }
  });
});

describe('mergeAddFields', () => {
  const params = { kind: 'object', range: { start: 0, end: 50 }, text: '' } as ValueView;
  it('folds two additions of the same new object into one', () => {
    const a: EditIntent = { kind: 'add-field', container: params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } };
    const b: EditIntent = { kind: 'add-field', container: params, path: ['output_config'], key: 'output_config', to: { format: { $code: 'SCHEMA' } } };
    const merged = mergeAddFields([a, b]);
    expect(merged[1]).toBeNull();
    expect(merged[0]).toMatchObject({ to: { effort: 'high', format: { $code: 'SCHEMA' } } });
  });
  it('leaves different keys alone', () => {
    const a: EditIntent = { kind: 'add-field', container: params, path: ['system'], key: 'system', to: 'x' };
    const b: EditIntent = { kind: 'add-field', container: params, path: ['output_config'], key: 'output_config', to: { effort: 'high' } };
    expect(mergeAddFields([a, b])).toEqual([a, b]);
  });
});

describe('lineCol', () => {
  it('is 1-based', () => {
    const starts = lineStartsOf('ab\ncd\n');
    expect(lineCol(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(lineCol(starts, 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('suppressions', () => {
  it('reads rule lists, reasons and whole-file markers in any comment syntax', () => {
    const text = [
      'x = 1  # claude-migrate-ignore sampling-params: pinned on purpose',
      '// claude-migrate-ignore model-id, fast-mode',
      'model = "claude-3-opus-20240229"',
      '/* claude-migrate-ignore */',
      'y',
    ].join('\n');
    const s = suppressionsOf(text);
    expect(isSuppressed(s, 'sampling-params', 1)).toBe(true);
    expect(isSuppressed(s, 'model-id', 1)).toBe(false);
    expect(isSuppressed(s, 'model-id', 3)).toBe(true);
    expect(isSuppressed(s, 'fast-mode', 3)).toBe(true);
    expect(isSuppressed(s, 'thinking-budget', 5)).toBe(true);
    const file = suppressionsOf('# claude-migrate-ignore-file model-id: historical data\n');
    expect(isSuppressed(file, 'model-id', 40)).toBe(true);
    expect(isSuppressed(file, 'sampling-params', 40)).toBe(false);
  });
});
