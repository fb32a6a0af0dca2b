import React from 'react';
import { Box, Text } from 'ink';
import { displayWidth } from '../text.js';
import { paint } from './Lines.js';

export type Hint = [keys: string, action: string];

/** Hints packed into as few lines of `width` cells as they need ("j/k move · q quit"). */
export function layoutHints(hints: Hint[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const [keys, action] of hints) {
    const item = `${keys} ${action}`;
    const candidate = current === '' ? item : `${current} · ${item}`;
    if (displayWidth(candidate) <= width || current === '') current = candidate;
    else {
      lines.push(current);
      current = item;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

export function KeyHints({ hints, width, noColor }: { hints: Hint[]; width: number; noColor?: boolean }) {
  return (
    <Box flexDirection="column">
      {layoutHints(hints, width).map((line, i) => (
        <Text key={i} color={paint('gray', noColor)} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
