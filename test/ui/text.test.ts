import { describe, expect, test } from 'vitest';
import { cleanLine, cleanLines, displayWidth, hardWrap, listWindow, truncate, wordWrap } from '../../src/ui/text.js';
import { layoutHints } from '../../src/ui/components/KeyHints.js';
import { scrollWindow } from '../../src/ui/components/Lines.js';
import { diffToLines } from '../../src/ui/components/DiffView.js';

describe('cleanLine', () => {
  test('escape sequences and other controls become visible symbols', () => {
    expect(cleanLine('a\u001b[31mb\u0007c\u007fd\u009be')).toBe('a␛[31mb␇c␡d\ufffde');
  });
  test('tabs expand, newlines flatten, CRLF loses its CR', () => {
    expect(cleanLine('\tx\ny')).toBe('    x y');
    expect(cleanLines('a\r\nb')).toEqual(['a', 'b']);
  });
});

describe('widths', () => {
  test('wide characters take two cells, combining marks none', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
    expect(truncate('short', 10)).toBe('short');
  });
  test('hardWrap keeps every character', () => {
    const pieces = hardWrap('x'.repeat(25), 10);
    expect(pieces).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('wordWrap', () => {
  test('breaks at spaces, splits words longer than the width', () => {
    expect(wordWrap('one two three four', 9).lines).toEqual(['one two', 'three', 'four']);
    expect(wordWrap('abcdefghijkl', 5).lines).toEqual(['abcde', 'fghij', 'kl']);
  });
  test('clips to maxLines with an ellipsis', () => {
    const { lines, clipped } = wordWrap('a b c d e f g h', 3, 2);
    expect(clipped).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});

describe('windows', () => {
  test('listWindow scrolls only when the cursor leaves the window', () => {
    expect(listWindow(5, 4, 10, 0)).toEqual({ offset: 0, size: 5, above: 0, below: 0 });
    expect(listWindow(30, 0, 10, 0)).toEqual({ offset: 0, size: 8, above: 0, below: 22 });
    expect(listWindow(30, 8, 10, 0)).toEqual({ offset: 1, size: 8, above: 1, below: 21 });
    expect(listWindow(30, 5, 10, 1)).toEqual({ offset: 1, size: 8, above: 1, below: 21 });
    expect(listWindow(30, 29, 10, 1)).toEqual({ offset: 22, size: 8, above: 22, below: 0 });
  });
  test('scrollWindow never shows more than the height, markers included', () => {
    for (let total = 0; total < 40; total++) {
      for (let offset = 0; offset < 45; offset++) {
        const { start, end } = scrollWindow(total, offset, 9);
        const shown = end - start + (start > 0 ? 1 : 0) + (end < total ? 1 : 0);
        expect(shown).toBeLessThanOrEqual(9);
        expect(end).toBeGreaterThan(total === 0 ? -1 : start);
      }
    }
    expect(scrollWindow(20, 999, 9)).toEqual({ start: 12, end: 20 });
  });
});

test('layoutHints packs whole hints per line', () => {
  expect(layoutHints([['a', 'accept'], ['s', 'skip'], ['q', 'quit']], 18)).toEqual(['a accept · s skip', 'q quit']);
});

test('diffToLines wraps long lines under their marker', () => {
  const lines = diffToLines([{ kind: '+', text: 'y'.repeat(15) }, { kind: ' ', text: 'ctx' }], 12);
  expect(lines.map((l) => l.text)).toEqual(['+ yyyyyyyyyy', '  yyyyy', '  ctx']);
  expect(lines[0]!.color).toBe('green');
  expect(lines[2]!.muted).toBe(true);
});
