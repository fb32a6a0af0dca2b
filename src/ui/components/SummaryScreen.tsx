// What was written, what needs a person, the remaining [TUNE] checklist and the guide's
// verification snippet. Scrolls when longer than the terminal; any closing key resolves.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { ScreenProps, SummaryViewModel } from '../types.js';
import { cleanLines, hardWrap, plural, wordWrap } from '../text.js';
import { useTerminalSize } from './hooks.js';
import { isQuit, toKeyPresses, type KeyPress } from './keys.js';
import { KeyHints, layoutHints, type Hint } from './KeyHints.js';
import { Line, LinesView, clampOffset, type StyledLine } from './Lines.js';

const indent = (lines: string[], first: string, rest = ' '.repeat(first.length)) => lines.map((l, i) => (i === 0 ? first : rest) + l);

export function summaryLines(vm: SummaryViewModel, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  if (vm.written.length === 0 && vm.needsPerson.length === 0 && !vm.notWritten?.length) {
    lines.push({ text: 'No changes.' });
  } else {
    const edits = vm.written.reduce((n, w) => n + w.edits, 0);
    lines.push({ text: vm.written.length > 0 ? `Wrote ${plural(vm.written.length, 'file')} (${plural(edits, 'edit')}):` : 'No files written.', bold: true, color: 'green' });
    for (const w of vm.written) lines.push({ text: `  ${w.path}  (${plural(w.edits, 'edit')})` });
    if (vm.notWritten?.length) {
      lines.push({ text: `Not written (${vm.notWritten.length}):`, bold: true, color: 'red' });
      for (const n of vm.notWritten) {
        lines.push({ text: `  ${n.path}` });
        for (const text of indent(wordWrap(n.reason, width - 4).lines, '    ')) lines.push({ text, muted: true });
      }
    }
    if (vm.needsPerson.length > 0) {
      lines.push({ text: `Needs a person (${vm.needsPerson.length}):`, bold: true, color: 'yellow' });
      for (const n of vm.needsPerson) {
        lines.push({ text: `  ${n.line > 0 ? `${n.path}:${n.line}` : n.path}  ${n.rule}` });
        for (const text of indent(wordWrap(n.message, width - 4).lines, '    ')) lines.push({ text, muted: true });
      }
    }
    if (vm.checklist.length > 0) {
      lines.push({ text: 'Still to tune ([TUNE], optional):', bold: true });
      for (const item of vm.checklist) for (const text of indent(wordWrap(item, width - 4).lines, '  • ', '    ')) lines.push({ text });
    }
    if (vm.verificationSnippet.trim() !== '') {
      lines.push({ text: 'Verify the migration (one real request):', bold: true });
      // Code is wrapped, never cut, so it can be copied whole.
      for (const code of cleanLines(vm.verificationSnippet.replace(/\n+$/, ''))) {
        for (const piece of hardWrap(code, width - 2)) lines.push({ text: `  ${piece}`, color: 'cyan' });
      }
    }
  }
  if (vm.reportPath) lines.push({ text: `Report: ${vm.reportPath}` });
  return lines;
}

const HINTS: Hint[] = [['↑↓/j/k', 'scroll'], ['enter/q', 'close']];

export function SummaryScreen({ vm, onDone, noColor, columns, rows }: { vm: SummaryViewModel } & ScreenProps<void>) {
  const size = useTerminalSize(columns, rows);
  const width = size.columns - 1;
  const lines = summaryLines(vm, width);
  const height = Math.max(3, size.rows - 1 - 1 - layoutHints(HINTS, width).length);
  const [offset, setOffset] = useState(0);
  const closed = useRef(false);
  const handleKey = (k: KeyPress) => {
    if (closed.current) return;
    if (isQuit(k) || k.enter || k.escape) {
      closed.current = true;
      return onDone();
    }
    // Scroll by one line, or a page, keeping the window full.
    const page = Math.max(1, height - 2);
    if (k.home || k.input === 'g') return setOffset(0);
    if (k.end || k.input === 'G') return setOffset(clampOffset(Infinity, lines.length, height));
    const step = k.down || k.input === 'j' ? 1 : k.up || k.input === 'k' ? -1 : k.pageDown || k.input === ' ' ? page : k.pageUp ? -page : 0;
    if (step !== 0) setOffset((o) => clampOffset(Math.max(0, o + step), lines.length, height));
  };
  useInput((input, key) => toKeyPresses(input, key).forEach(handleKey));
  return (
    <Box flexDirection="column">
      <Line line={{ text: 'claude-migrate · summary', bold: true }} width={width} noColor={noColor} />
      <LinesView lines={lines} offset={offset} height={height} width={width} noColor={noColor} />
      <KeyHints hints={HINTS} width={width} noColor={noColor} />
    </Box>
  );
}
