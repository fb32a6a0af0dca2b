// One-line text and scrollable blocks of lines: every screen is built from lines so its height
// is known in advance and the frame fits the terminal (80x24 at least).
import React from 'react';
import { Box, Text } from 'ink';
import { cleanLine, truncate } from '../text.js';

export type Color = 'red' | 'green' | 'yellow' | 'blue' | 'cyan' | 'magenta' | 'gray';

/** Colour only when colours are allowed (NO_COLOR is read by the caller and passed as `noColor`). */
export function paint(color: Color | undefined, noColor: boolean | undefined): Color | undefined {
  return noColor ? undefined : color;
}

export interface StyledLine {
  text: string;
  color?: Color;
  bold?: boolean;
  /** Drawn grey (a colour, so dropped under NO_COLOR). */
  muted?: boolean;
}

export function Line({ line, width, noColor }: { line: StyledLine; width: number; noColor?: boolean }) {
  const color = line.muted ? paint('gray', noColor) : paint(line.color, noColor);
  return (
    <Text color={color} bold={line.bold} wrap="truncate-end">
      {truncate(cleanLine(line.text), width) || ' '}
    </Text>
  );
}

export function MoreMarker({ count, direction, noColor }: { count: number; direction: 'up' | 'down'; noColor?: boolean }) {
  return (
    <Text color={paint('gray', noColor)}>
      {direction === 'up' ? '↑' : '↓'} {count} more
    </Text>
  );
}

/** Largest useful scroll offset: the last window shows the last line under an "↑ n more" marker. */
export function clampOffset(offset: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(offset, total - (height - 1)));
}

/** Which lines a window of `height` starting at `offset` shows, and whether it needs markers. */
export function scrollWindow(total: number, offset: number, height: number): { start: number; end: number } {
  if (total <= height) return { start: 0, end: total };
  const start = clampOffset(offset, total, height);
  const room = height - (start > 0 ? 1 : 0);
  const end = start + room >= total ? total : start + Math.max(1, room - 1);
  return { start, end };
}

/**
 * At most `height` lines of `lines` starting at `offset`; lines that do not fit are counted by
 * "↑ n more" / "↓ n more" markers, which take a line each.
 */
export function LinesView({ lines, offset, height, width, noColor }: { lines: StyledLine[]; offset: number; height: number; width: number; noColor?: boolean }) {
  const { start, end } = scrollWindow(lines.length, offset, height);
  return (
    <Box flexDirection="column">
      {start > 0 ? <MoreMarker count={start} direction="up" noColor={noColor} /> : null}
      {lines.slice(start, end).map((line, i) => (
        <Line key={start + i} line={line} width={width} noColor={noColor} />
      ))}
      {end < lines.length ? <MoreMarker count={lines.length - end} direction="down" noColor={noColor} /> : null}
    </Box>
  );
}

export function Rule({ width, noColor }: { width: number; noColor?: boolean }) {
  return <Text color={paint('gray', noColor)}>{'─'.repeat(width)}</Text>;
}
